import { exportFile } from "@/lib/fhir-server/file-handler";

/** One NDJSON file of a finished export (the access token of the client that ran it). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params;
  return exportFile(request, id, file);
}
