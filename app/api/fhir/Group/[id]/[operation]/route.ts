import { kickOff } from "@/lib/fhir-server/export-handlers";
import { unknownPath } from "@/lib/fhir-server/discovery-handlers";
import { outcomeResponse } from "@/lib/fhir-server/outcome";

/** Bulk Data kick-off: GET /api/fhir/Group/study/$export (research clients' bearer token). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; operation: string }> }) {
  const { id, operation } = await params;
  if (operation !== "$export") return unknownPath();
  return kickOff(request, id);
}

export function POST() {
  return outcomeResponse(405, "not-supported", "Start an export with GET and query parameters; this server does not take a Parameters body.", { allow: "GET" });
}
