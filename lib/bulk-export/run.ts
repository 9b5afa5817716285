import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { completeExport, recordExportProgress, type ExportJob } from "../data/bulk-exports";
import {
  countExportConnections,
  deletedResourcesPage,
  exportConnectionsPage,
  exportResourcesPage,
  type ExportConnection,
  type ResourceKey,
  type ResourceWindow,
} from "../data/bulk-export-resources";
import type { ManifestFile } from "../fhir-server/manifest";
import { ExportFiles, type Checkpoint } from "./files";
import { DELETED_FILE, ERROR_FILE, deletedBundle, outcomeLine, outputFileName, tagResource, UnusableResource, type Coding } from "./format";

/**
 * Runs one claimed export to the end (or until it is cancelled or taken from this runner):
 * connection by connection in id order, each connection's resources in keyset pages, written to
 * one NDJSON file per resource type and FHIR version, with a checkpoint every few seconds that a
 * later run resumes from. Memory holds one page of resources and the files' small buffers.
 */
export type RunSettings = {
  owner: string;
  root: string;
  leaseMs: number;
  retentionMs: number;
  withdrawalPolicy: "delete" | "keep";
  tagSystems: { participant: string; healthSystem: string };
  connectionsPerPage?: number;
  resourcesPerPage?: number;
  /** A checkpoint once this long has passed since the last save, after the connection then being written (0: after every connection). Default 5 s. */
  checkpointMs?: number;
  /** Called after each checkpoint is saved (progress logs; tests stop a run here to resume it). */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
};

export type RunOutcome = "complete" | "stopped";

/** Thrown inside the run when the job is no longer this runner's (cancelled, or taken over). */
class Stopped extends Error {}

const SAFE_TYPE = /^[A-Za-z]{1,64}$/;
const DELETED_PER_BUNDLE = 500;

export async function runExport(job: ExportJob, settings: RunSettings): Promise<RunOutcome> {
  const checkpointMs = settings.checkpointMs ?? 5_000;
  const previous = job.checkpoint ? (JSON.parse(job.checkpoint) as Checkpoint) : null;
  const { files, resumed } = await ExportFiles.start(settings.root, job.id, `a${job.attempts}`, previous);
  try {
    const errors = () => files.file(ERROR_FILE, { kind: "error", type: "OperationOutcome", fhirVersion: null });
    if (!resumed) for (const note of job.notes) await (await errors()).append(outcomeLine("information", "informational", note));

    const total = await countExportConnections(job);
    let after = resumed?.after ?? "";
    let done = resumed?.done ?? 0;
    let savedCheckpoint = resumed ? JSON.stringify(resumed) : null;
    let lastSave = Date.now();

    const save = async (withCheckpoint: boolean) => {
      const checkpoint: Checkpoint | null = withCheckpoint ? { run: files.run, after, done, files: await files.sync() } : null;
      if (checkpoint) savedCheckpoint = JSON.stringify(checkpoint);
      lastSave = Date.now();
      const mine = await recordExportProgress(job.id, settings.owner, { leaseMs: settings.leaseMs, connectionsDone: done, connectionsTotal: Math.max(total, done), checkpoint: savedCheckpoint });
      if (!mine) throw new Stopped();
      if (checkpoint) settings.onCheckpoint?.(checkpoint);
    };
    /** Between pages: keep the lease alive without a checkpoint (one connection can be large). */
    const keepAlive = async () => {
      if (Date.now() - lastSave > settings.leaseMs / 4) await save(false);
    };

    const context: ConnectionContext = { job, settings, files, errors, keepAlive };
    for (;;) {
      const page = await exportConnectionsPage(job, after, settings.connectionsPerPage ?? 200);
      if (page.length === 0) break;
      for (const connection of page) {
        await exportConnection(connection, context);
        after = connection.connectionId;
        done += 1;
        if (Date.now() - lastSave >= checkpointMs) await save(true);
      }
    }
    const states = await files.sync();
    await files.closeAll();
    const manifestFiles: ManifestFile[] = Object.entries(states)
      .filter(([, s]) => s.count > 0)
      .map(([name, s]) => ({ kind: s.kind, type: s.type, name, path: `${files.run}/${name}`, count: s.count, fhirVersion: s.fhirVersion }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const completed = await completeExport(job.id, settings.owner, {
      files: JSON.stringify(manifestFiles),
      expiresAt: new Date(Date.now() + settings.retentionMs),
      connectionsDone: done,
    });
    return completed ? "complete" : "stopped";
  } catch (error) {
    if (error instanceof Stopped) return "stopped";
    throw error;
  } finally {
    await files.closeAll();
  }
}

type ConnectionContext = {
  job: ExportJob;
  settings: RunSettings;
  files: ExportFiles;
  errors: () => ReturnType<ExportFiles["file"]>;
  keepAlive: () => Promise<void>;
};

async function exportConnection(c: ExportConnection, { job, settings, files, errors, keepAlive }: ConnectionContext): Promise<void> {
  const tags: Coding[] = [
    { system: settings.tagSystems.participant, code: c.participantId },
    { system: settings.tagSystems.healthSystem, code: c.healthSystemId },
  ];
  const active = c.participantStatus === "active";
  const withdrawn = c.participantStatus === "withdrawn";
  const kept = withdrawn && settings.withdrawalPolicy === "keep";
  const tt = job.transactionTime;
  const pageSize = settings.resourcesPerPage ?? 500;

  if (active || kept) {
    // A withdrawn participant's kept record is what was collected before they withdrew.
    const until = kept && c.withdrawnAt && c.withdrawnAt < tt ? c.withdrawnAt : tt;
    const window: ResourceWindow = { since: job.since, until, types: job.types };
    let after: ResourceKey | null = null;
    for (;;) {
      const page = await exportResourcesPage(job, c.connectionId, window, after, pageSize);
      for (const r of page) {
        try {
          if (!SAFE_TYPE.test(r.resourceType)) throw new UnusableResource("its resource type is not a FHIR type name");
          const line = tagResource(r.resourceJson, tags);
          const name = outputFileName(r.resourceType, c.fhirVersion);
          const file = files.get(name) ?? (await files.file(name, { kind: "output", type: r.resourceType, fhirVersion: c.fhirVersion }));
          const flushing = file.append(line);
          if (flushing) await flushing;
        } catch (error) {
          if (!(error instanceof UnusableResource)) throw error;
          const what = `${r.resourceType.slice(0, 64)}/${r.fhirId.slice(0, 64)} of participant ${c.participantId}`;
          await (await errors()).append(outcomeLine("error", "processing", `${what} could not be exported: ${error.message}.`));
        }
      }
      // SQLite answers synchronously: give the event loop a turn, so a portal running an export keeps answering.
      await nextTurn();
      if (page.length < pageSize) break;
      after = page.at(-1)!;
      await keepAlive();
    }
    if (job.since) await writeDeletions(c, { since: job.since, until: tt, types: job.types, removedOnly: true }, tags, { job, pageSize, files, keepAlive });
    return;
  }
  // Withdrew under the delete policy since the client's last export: tell it to delete the record.
  if (withdrawn && job.since && c.withdrawnAt && c.withdrawnAt > job.since && c.withdrawnAt <= tt) {
    await writeDeletions(c, { since: null, until: tt, types: job.types, removedOnly: false }, tags, { job, pageSize, files, keepAlive, patient: true });
  }
}

async function writeDeletions(
  c: ExportConnection,
  window: ResourceWindow & { removedOnly: boolean },
  tags: Coding[],
  { job, pageSize, files, keepAlive, patient = false }: { job: ExportJob; pageSize: number; files: ExportFiles; keepAlive: () => Promise<void>; patient?: boolean },
): Promise<void> {
  const file = () => files.file(DELETED_FILE, { kind: "deleted", type: "Bundle", fhirVersion: null });
  let after: ResourceKey | null = null;
  let patientListed = false;
  const now = new Date();
  for (;;) {
    const page = await deletedResourcesPage(job, c.connectionId, window, after, Math.min(pageSize, DELETED_PER_BUNDLE));
    const keys = page.filter((k) => SAFE_TYPE.test(k.resourceType));
    patientListed ||= keys.some((k) => k.resourceType === "Patient" && k.fhirId === c.patientId);
    if (keys.length > 0) await (await file()).append(deletedBundle(keys, tags, now));
    if (page.length < Math.min(pageSize, DELETED_PER_BUNDLE)) break;
    after = page.at(-1)!;
    await keepAlive();
  }
  if (patient && !patientListed && (!window.types || window.types.includes("Patient"))) {
    await (await file()).append(deletedBundle([{ resourceType: "Patient", fhirId: c.patientId }], tags, now));
  }
}
