import "server-only";
import { db } from "../db";

/**
 * Sync passes and their progress ("Syncing 4,210 of 10,000"). One row per worker per pass; the
 * worker writes its counters about once a second. Only counts are kept here (no participant data).
 */
export type SyncProgress = { total: number; done: number; failed: number; running: boolean; startedAt: Date };

export async function startSyncRun(workerId: string, total: number): Promise<string> {
  const run = await (await db()).syncRun.create({ data: { workerId, total }, select: { id: true } });
  return run.id;
}

export async function recordSyncProgress(runId: string, counts: { done: number; failed: number; total?: number }): Promise<void> {
  await (await db()).syncRun.update({ where: { id: runId }, data: counts });
}

export async function finishSyncRun(runId: string, counts: { done: number; failed: number }, status: "finished" | "abandoned" = "finished"): Promise<void> {
  await (await db()).syncRun.update({ where: { id: runId }, data: { ...counts, status, finishedAt: new Date() } });
}

/** Runs still "running" though started before `cutoff` belong to killed workers: mark them abandoned. */
export async function abandonStaleSyncRuns(cutoff: Date): Promise<number> {
  const result = await (await db()).syncRun.updateMany({
    where: { status: "running", startedAt: { lt: cutoff } },
    data: { status: "abandoned", finishedAt: new Date() },
  });
  return result.count;
}

/**
 * The newest pass, for the staff dashboard (the caller checks that a staff member asks). While
 * several workers share a pass, their counts are added up and the total is the largest seen.
 */
export async function latestSyncProgress(): Promise<SyncProgress | null> {
  const client = await db();
  const latest = await client.syncRun.findFirst({ orderBy: { startedAt: "desc" } });
  if (!latest) return null;
  if (latest.status !== "running") {
    return { total: latest.total, done: latest.done, failed: latest.failed, running: false, startedAt: latest.startedAt };
  }
  const since = new Date(latest.startedAt.getTime() - 6 * 3_600_000);
  const running = await client.syncRun.findMany({ where: { status: "running", startedAt: { gte: since } } });
  return {
    total: Math.max(...running.map((r) => r.total)),
    done: running.reduce((n, r) => n + r.done, 0),
    failed: running.reduce((n, r) => n + r.failed, 0),
    running: true,
    startedAt: running.reduce((d, r) => (r.startedAt < d ? r.startedAt : d), latest.startedAt),
  };
}
