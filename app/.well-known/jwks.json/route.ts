import { publicJwks } from "@/lib/data/client-keys";

/** The portal's public keys for private_key_jwt client authentication (never a private key). */
export async function GET() {
  return Response.json(await publicJwks(), { headers: { "cache-control": "public, max-age=300" } });
}
