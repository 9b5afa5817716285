import { smartConfigurationResponse } from "@/lib/fhir-server/discovery-handlers";

export const dynamic = "force-dynamic";

/** SMART configuration for research tools: Backend Services (public). */
export function GET() {
  return smartConfigurationResponse();
}
