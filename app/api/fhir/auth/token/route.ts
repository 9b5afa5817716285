import { tokenEndpoint } from "@/lib/backend-services/token-endpoint";

/** SMART Backend Services token endpoint (client_credentials + private_key_jwt). Non-browser clients; no cookies. */
export function POST(request: Request) {
  return tokenEndpoint(request);
}
