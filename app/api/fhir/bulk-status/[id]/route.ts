import { cancelExportRequest, exportStatus } from "@/lib/fhir-server/export-handlers";

/** An export's status (202 while it runs, then the manifest); DELETE cancels it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return exportStatus(request, (await params).id);
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return cancelExportRequest(request, (await params).id);
}
