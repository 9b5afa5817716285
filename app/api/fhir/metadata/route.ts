import { metadata } from "@/lib/fhir-server/discovery-handlers";

export const dynamic = "force-dynamic";

/** The FHIR API's CapabilityStatement (public). */
export function GET() {
  return metadata();
}
