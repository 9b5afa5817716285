import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { claimNextExport, exportsToClean, failExport, markExportCleaned } from "../data/bulk-exports";
import { env } from "../env";
import { healthSystemTagSystem, participantTagSystem } from "../fhir-server/urls";
import { log } from "../log";
import { removeExportFolder } from "./files";
import { runExport, type RunSettings } from "./run";

/**
 * Runs queued exports in this process, one at a time: started right after a kick-off, by the
 * status poll of a job whose runner died, and by the background loop (portal and worker alike).
 * The claim's lease makes sure one runner works on a job; a run that throws fails its job with
 * a plain message (details in the log) and its files are deleted.
 */
export const EXPORT_LEASE_MS = 60_000;
/** Runs a job may start: one that keeps taking its process down is failed, not retried forever. */
export const MAX_EXPORT_RUNS = 5;

const state = globalThis as unknown as { portalExportRunner?: Promise<void> | null };
const owner = `exports:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export function exportRunSettings(): RunSettings {
  const e = env();
  return {
    owner,
    root: e.BULK_EXPORT_DIR,
    leaseMs: EXPORT_LEASE_MS,
    retentionMs: e.BULK_EXPORT_RETENTION_HOURS * 3_600_000,
    withdrawalPolicy: e.WITHDRAWAL_POLICY,
    tagSystems: { participant: participantTagSystem(), healthSystem: healthSystemTagSystem() },
  };
}

/** Claims and runs exports until none is waiting. Returns how many ran. */
export async function runWaitingExports(settings: RunSettings = exportRunSettings()): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimNextExport(settings.owner, settings.leaseMs);
    if (!job) return ran;
    ran += 1;
    if (job.attempts > MAX_EXPORT_RUNS) {
      log.error("export.given_up", { exportId: job.id, attempts: job.attempts });
      await failExport(job.id, settings.owner, "The export stopped several times before it could finish. Please start a new export; if it fails again, tell the study team.", new Date());
      await removeExportFolder(settings.root, job.id).catch(() => undefined);
      continue;
    }
    const started = Date.now();
    log.info("export.run_started", { exportId: job.id, attempt: job.attempts, resumed: job.checkpoint !== null });
    try {
      const outcome = await runExport(job, settings);
      if (outcome === "stopped") await removeIfGone(job.id, settings);
      log.info("export.run_finished", { exportId: job.id, outcome, seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      log.error("export.run_failed", { exportId: job.id, error: error instanceof Error ? error.message : String(error) });
      await failExport(job.id, settings.owner, "The export failed on the server. Please start a new export; if it fails again, tell the study team.", new Date());
      await removeExportFolder(settings.root, job.id).catch(() => undefined);
    }
  }
}

/** After a run stopped: a cancelled job's files go at once (the cleanup would get them too). */
async function removeIfGone(exportId: string, settings: RunSettings) {
  const [gone] = (await exportsToClean(new Date(), 100)).filter((j) => j.id === exportId);
  if (gone) {
    await removeExportFolder(settings.root, exportId);
    await markExportCleaned(exportId, gone.status);
  }
}

/** Starts the runner in the background unless this process already runs it. Never throws. */
export function kickExportRunner(): void {
  if (state.portalExportRunner) return;
  state.portalExportRunner = runWaitingExports()
    .catch((error: unknown) => log.error("export.runner_crashed", { error: error instanceof Error ? error.message : String(error) }))
    .then(() => undefined)
    .finally(() => {
      state.portalExportRunner = null;
    });
}

/** Deletes the files of expired, cancelled and failed exports. Returns how many were cleaned. */
export async function cleanExpiredExports(root = env().BULK_EXPORT_DIR, now = new Date()): Promise<number> {
  const jobs = await exportsToClean(now);
  for (const job of jobs) {
    await removeExportFolder(root, job.id);
    await markExportCleaned(job.id, job.status);
    log.info("export.files_deleted", { exportId: job.id, status: job.status });
  }
  return jobs.length;
}
