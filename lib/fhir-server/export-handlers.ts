import "server-only";
import { cancelExport, exportsAhead, getExportForCaller, queueExport, type ExportJob } from "../data/bulk-exports";
import { canRead } from "../backend-services/scopes";
import { removeExportFolder } from "../bulk-export/files";
import { kickExportRunner } from "../bulk-export/runner";
import { env } from "../env";
import { log } from "../log";
import { researchCaller } from "./caller";
import { parseKickoff } from "./kickoff";
import { buildManifest, type ManifestFile } from "./manifest";
import { fhirJson, NO_STORE, operationOutcome, outcomeResponse } from "./outcome";
import { exportFileUrl, exportStatusUrl, fhirVersionExtension } from "./urls";

/**
 * The Bulk Data export flow over HTTP (Bulk Data Access 2.0): kick-off → 202 + Content-Location;
 * status polling → 202 with X-Progress and Retry-After, then the manifest; DELETE → cancel.
 * Each checks the research client's bearer token and touches only that client's exports.
 */
export const STUDY_GROUP_ID = "study";
const POLL_SECONDS = { queued: 5, running: 2 } as const;

/** The URL as the research tool sent it, on the portal's public origin. */
const publicUrl = (request: Request) => {
  const url = new URL(request.url);
  return `${env().PORTAL_URL}${url.pathname}${url.search}`;
};

export async function kickOff(request: Request, groupId: string): Promise<Response> {
  const auth = await researchCaller(request);
  if (!auth.ok) return auth.response;
  const { caller } = auth;
  if (groupId !== STUDY_GROUP_ID) return outcomeResponse(404, "not-found", `This server has one group, Group/${STUDY_GROUP_ID} (the study's participants).`);
  const parsed = parseKickoff(new URL(request.url).searchParams, { prefer: request.headers.get("prefer"), accept: request.headers.get("accept") });
  if (!parsed.ok) return outcomeResponse(parsed.problem.status, parsed.problem.code, parsed.problem.message);
  let { types } = parsed.request;
  if (types) {
    const refused = types.filter((t) => !canRead(caller.readable, t));
    if (refused.length > 0) return outcomeResponse(403, "forbidden", `The access token's scopes do not cover ${refused.slice(0, 5).join(", ")}.`);
  } else if (caller.readable !== "*") {
    types = [...caller.readable].sort();
  }
  const queued = await queueExport(caller, { request: publicUrl(request), types, since: parsed.request.since, notes: parsed.request.ignored, transactionTime: new Date() }, env().BULK_EXPORT_MAX_PER_CLIENT);
  if (!queued.ok) {
    return outcomeResponse(429, "throttled", `This client already has ${env().BULK_EXPORT_MAX_PER_CLIENT} exports queued or running; wait for one to finish (or cancel one) before starting another.`, { "retry-after": "30" });
  }
  log.info("export.queued", { exportId: queued.id, clientId: caller.clientId });
  kickExportRunner();
  return fhirJson(operationOutcome("informational", "The export was queued; poll the Content-Location URL for its status.", "information"), 202, {
    "content-location": exportStatusUrl(queued.id),
  });
}

const gone = (job: ExportJob) =>
  job.status === "cancelled"
    ? outcomeResponse(404, "deleted", "This export was cancelled.")
    : outcomeResponse(404, "expired", "This export's files have expired and were deleted; start a new export.");

async function progressText(job: ExportJob): Promise<string> {
  if (job.status === "queued") {
    const ahead = await exportsAhead(job);
    return ahead > 0 ? `Queued: ${ahead} export${ahead === 1 ? "" : "s"} ahead` : "Queued: starting";
  }
  if (job.connectionsTotal === 0) return "Exporting: starting";
  const percent = Math.min(99, Math.floor((job.connectionsDone / job.connectionsTotal) * 100));
  return `Exporting: ${job.connectionsDone} of ${job.connectionsTotal} records (${percent}%)`;
}

export async function exportStatus(request: Request, exportId: string): Promise<Response> {
  const auth = await researchCaller(request);
  if (!auth.ok) return auth.response;
  const job = await getExportForCaller(auth.caller, exportId);
  if (!job) return outcomeResponse(404, "not-found", "There is no such export for this client.");
  if (job.status === "queued" || job.status === "running") {
    kickExportRunner(); // picks the job up if its runner died (its lease expired)
    return new Response(null, { status: 202, headers: { ...NO_STORE, "x-progress": await progressText(job), "retry-after": String(POLL_SECONDS[job.status]) } });
  }
  if (job.status === "failed") return outcomeResponse(500, "exception", job.error ?? "The export failed.");
  if (job.status !== "complete" || !job.files) return gone(job);
  const manifest = buildManifest({
    transactionTime: job.transactionTime,
    request: job.request,
    since: job.since,
    files: JSON.parse(job.files) as ManifestFile[],
    fileUrl: (name) => exportFileUrl(job.id, name),
    versionExtension: fhirVersionExtension(),
  });
  return Response.json(manifest, { headers: { ...NO_STORE, ...(job.expiresAt && { expires: job.expiresAt.toUTCString() }) } });
}

export async function cancelExportRequest(request: Request, exportId: string): Promise<Response> {
  const auth = await researchCaller(request);
  if (!auth.ok) return auth.response;
  const job = await cancelExport(auth.caller, exportId);
  if (!job) return outcomeResponse(404, "not-found", "There is no such export for this client.");
  if (job.status === "cancelled" || job.status === "expired") return gone(job);
  // A running job's runner sees the cancel at its next step and deletes its files itself.
  if (job.status !== "running") await removeExportFolder(env().BULK_EXPORT_DIR, job.id).catch(() => undefined);
  return fhirJson(operationOutcome("informational", job.status === "complete" ? "The export's files were deleted." : "The export was cancelled.", "information"), 202);
}
