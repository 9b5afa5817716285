import "server-only";
import { recordAudit } from "./audit-events";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";
import type { ResearchCaller } from "./research-tokens";

/**
 * Bulk Data export jobs. A research client starts, polls and cancels only its own exports; the
 * runner (in the portal or the worker) claims a job with a lease it renews as it goes, so a job
 * whose process died is taken over and resumed by the next runner, and two runners never work
 * on one job. A cancel or an expiry wins over a runner: its writes are all conditional.
 */
export const ACTIVE_EXPORT_STATUSES = ["queued", "running"];

export type ExportJob = {
  id: string;
  clientId: string;
  status: string;
  request: string;
  types: string[] | null;
  since: Date | null;
  transactionTime: Date;
  checkpoint: string | null;
  /** Runs started on it; each run writes into its own folder (a<attempts>). */
  attempts: number;
  connectionsDone: number;
  connectionsTotal: number;
  files: string | null;
  notes: string[];
  error: string | null;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
};

type Row = Omit<ExportJob, "types" | "notes"> & { types: string | null; notes: string | null };

const toJob = (row: Row): ExportJob => ({
  ...row,
  types: row.types ? row.types.split(",") : null,
  notes: row.notes ? (JSON.parse(row.notes) as string[]) : [],
});

const jobSelect = {
  id: true, clientId: true, status: true, request: true, types: true, since: true, transactionTime: true, checkpoint: true, attempts: true,
  connectionsDone: true, connectionsTotal: true, files: true, notes: true, error: true, createdAt: true, completedAt: true, expiresAt: true,
} as const;

/**
 * Queues an export for the caller, unless it already has `maxActive` queued or running (then
 * "busy"). The client's row is written first, so on PostgreSQL two kick-offs of one client take
 * turns (the row lock) and cannot both squeeze under the limit.
 */
export async function queueExport(
  caller: ResearchCaller,
  input: { request: string; types: string[] | null; since: Date | null; notes: string[]; transactionTime: Date },
  maxActive: number,
): Promise<{ ok: true; id: string } | { ok: false; reason: "busy" }> {
  return (await db()).$transaction(async (tx) => {
    await tx.researchClient.update({ where: { id: caller.clientId }, data: { updatedAt: new Date() } });
    const active = await tx.bulkExport.count({ where: { clientId: caller.clientId, status: { in: ACTIVE_EXPORT_STATUSES } } });
    if (active >= maxActive) return { ok: false as const, reason: "busy" as const };
    const job = await tx.bulkExport.create({
      data: {
        clientId: caller.clientId,
        request: input.request,
        types: input.types?.join(",") ?? null,
        since: input.since,
        transactionTime: input.transactionTime,
        notes: input.notes.length > 0 ? JSON.stringify(input.notes) : null,
      },
      select: { id: true },
    });
    await recordAudit(caller, "research.export.start", {
      detail: JSON.stringify({ exportId: job.id, types: input.types ?? "all", since: input.since?.toISOString() ?? null }),
    }, tx);
    return { ok: true as const, id: job.id };
  });
}

/** One of the caller's exports (never another client's), or null. */
export async function getExportForCaller(caller: ResearchCaller, id: string): Promise<ExportJob | null> {
  if (id.length > 64) return null;
  const row = await (await db()).bulkExport.findFirst({ where: { id, clientId: caller.clientId }, select: jobSelect });
  return row ? toJob(row) : null;
}

/** How many exports are waiting ahead of this one (for X-Progress). */
export async function exportsAhead(job: Pick<ExportJob, "createdAt">): Promise<number> {
  return (await db()).bulkExport.count({ where: { status: "queued", createdAt: { lt: job.createdAt } } });
}

/**
 * Cancels one of the caller's exports (DELETE on its status URL): a queued or running job stops,
 * a finished one's files are released early. Returns the job as it was, or null.
 */
export async function cancelExport(caller: ResearchCaller, id: string): Promise<ExportJob | null> {
  const job = await getExportForCaller(caller, id);
  if (!job || job.status === "cancelled" || job.status === "expired") return job;
  await (await db()).bulkExport.updateMany({
    where: { id, clientId: caller.clientId, status: { notIn: ["cancelled", "expired"] } },
    data: { status: "cancelled", leaseOwner: null, leaseUntil: null, expiresAt: new Date() },
  });
  await recordAudit(caller, "research.export.cancel", { detail: JSON.stringify({ exportId: id, was: job.status }) });
  return job;
}

/** Records that the caller is downloading one of its export's files (every download is audited). */
export async function recordExportDownload(caller: ResearchCaller, exportId: string, file: { name: string; count: number }): Promise<void> {
  await recordAudit(caller, "research.export.download", { detail: JSON.stringify({ exportId, file: file.name, count: file.count }) });
}

/** The oldest export that is queued, or running under a lease that expired (its runner died). */
export async function claimNextExport(owner: string, leaseMs: number, now = new Date()): Promise<ExportJob | null> {
  const client = await db();
  const candidates = await client.bulkExport.findMany({
    where: { OR: [{ status: "queued" }, { status: "running", leaseUntil: { lt: now } }] },
    orderBy: { createdAt: "asc" },
    take: 5,
    select: { id: true, status: true, leaseUntil: true },
  });
  for (const c of candidates) {
    const claimed = await client.bulkExport.updateMany({
      where: { id: c.id, status: c.status, leaseUntil: c.leaseUntil },
      data: { status: "running", leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 }, startedAt: now },
    });
    if (claimed.count === 1) {
      const row = await client.bulkExport.findUnique({ where: { id: c.id }, select: jobSelect });
      if (row) return toJob(row);
    }
  }
  return null;
}

/**
 * Saves a running job's progress and checkpoint and extends its lease. False when the job is no
 * longer this runner's (cancelled, or taken over after a stall): the runner stops.
 */
export async function recordExportProgress(
  id: string,
  owner: string,
  input: { leaseMs: number; connectionsDone: number; connectionsTotal: number; checkpoint: string | null },
): Promise<boolean> {
  const updated = await (await db()).bulkExport.updateMany({
    where: { id, status: "running", leaseOwner: owner },
    data: {
      leaseUntil: new Date(Date.now() + input.leaseMs),
      connectionsDone: input.connectionsDone,
      connectionsTotal: input.connectionsTotal,
      checkpoint: input.checkpoint,
    },
  });
  return updated.count === 1;
}

/** Marks the job complete with its files; false when it was cancelled (or taken over) meanwhile. */
export async function completeExport(id: string, owner: string, input: { files: string; expiresAt: Date; connectionsDone: number }): Promise<boolean> {
  const now = new Date();
  const updated = await (await db()).bulkExport.updateMany({
    where: { id, status: "running", leaseOwner: owner },
    data: { status: "complete", files: input.files, completedAt: now, expiresAt: input.expiresAt, connectionsDone: input.connectionsDone, leaseOwner: null, leaseUntil: null, checkpoint: null },
  });
  return updated.count === 1;
}

export async function failExport(id: string, owner: string, error: string, retainUntil: Date): Promise<void> {
  await (await db()).bulkExport.updateMany({
    where: { id, status: "running", leaseOwner: owner },
    data: { status: "failed", error: error.slice(0, 500), completedAt: new Date(), expiresAt: retainUntil, leaseOwner: null, leaseUntil: null },
  });
}

/** Jobs whose files should be gone: expired, cancelled or failed, with files possibly on disk. */
export async function exportsToClean(now = new Date(), limit = 100): Promise<{ id: string; status: string }[]> {
  return (await db()).bulkExport.findMany({
    where: { status: { in: ["complete", "cancelled", "failed"] }, expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: limit,
    select: { id: true, status: true },
  });
}

/** After the files are deleted: a complete export becomes "expired"; the others keep their status, without an expiry. */
export async function markExportCleaned(id: string, status: string): Promise<void> {
  await (await db()).bulkExport.updateMany({
    where: { id, status },
    data: { ...(status === "complete" && { status: "expired" }), expiresAt: null, files: null, checkpoint: null },
  });
}

export type ExportRow = {
  id: string;
  clientName: string;
  status: string;
  types: string | null;
  since: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  connectionsDone: number;
  connectionsTotal: number;
  error: string | null;
};

/** The latest exports of every research client, for admins. */
export async function listRecentExports(staff: StaffSession, limit = 50): Promise<ExportRow[]> {
  assertRole(staff, "admin");
  const rows = await (await db()).bulkExport.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, 200),
    select: { id: true, status: true, types: true, since: true, createdAt: true, completedAt: true, expiresAt: true, connectionsDone: true, connectionsTotal: true, error: true, client: { select: { name: true } } },
  });
  return rows.map(({ client, ...r }) => ({ ...r, clientName: client.name }));
}
