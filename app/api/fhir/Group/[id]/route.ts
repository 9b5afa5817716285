import { readGroup } from "@/lib/fhir-server/discovery-handlers";

/** The study's group (research clients' bearer token). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return readGroup(request, (await params).id);
}
