import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { getExportForCaller, recordExportDownload } from "../data/bulk-exports";
import { ExportFiles } from "../bulk-export/files";
import { env } from "../env";
import { researchCaller } from "./caller";
import type { ManifestFile } from "./manifest";
import { NO_STORE, outcomeResponse } from "./outcome";

/**
 * An export file (Bulk Data "Output File Request"): only with the access token of the client that
 * ran the export, only while the export is complete and not expired, only a file its manifest
 * lists (the name is looked up, never joined into a path as given). Streamed from disk.
 */
export async function exportFile(request: Request, exportId: string, fileName: string): Promise<Response> {
  const auth = await researchCaller(request);
  if (!auth.ok) return auth.response;
  const job = await getExportForCaller(auth.caller, exportId);
  if (!job || job.status !== "complete" || !job.files || (job.expiresAt && job.expiresAt <= new Date())) {
    return outcomeResponse(404, "not-found", "There is no such file: the export is unknown to this client, not finished, cancelled, or its files have expired.");
  }
  const file = (JSON.parse(job.files) as ManifestFile[]).find((f) => f.name === fileName);
  if (!file) return outcomeResponse(404, "not-found", "This export has no file of that name.");
  const path = join(ExportFiles.exportFolder(env().BULK_EXPORT_DIR, job.id), file.path);
  const size = await stat(path).then((s) => s.size, () => null);
  if (size === null) return outcomeResponse(404, "expired", "The file is no longer on the server; start a new export.");
  await recordExportDownload(auth.caller, exportId, file);
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: { ...NO_STORE, "content-type": "application/fhir+ndjson", "content-length": String(size), "content-disposition": `attachment; filename="${file.name}"` },
  });
}
