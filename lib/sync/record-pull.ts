import "server-only";
import { parsePatient } from "../fhir/patient-schema";
import type { Capabilities } from "../fhir/record-fetch/capability";
import { collectReferences, type FetchedResource } from "../fhir/record-fetch/entries";
import { grantFrom } from "../fhir/record-fetch/grant";
import { planFetch, type PlannedSearch } from "../fhir/record-fetch/plan";
import { readResource } from "../fhir/record-fetch/read";
import type { FetchContext, RequestFailure } from "../fhir/record-fetch/request";
import { runSearch } from "../fhir/record-fetch/search";
import { readRecordStates, writeRecordStates, type RecordState, type RecordStateName } from "../data/record-states";
import { markMissingRemoved, storedResourceKeys, storeResources } from "../data/resource-store";
import { saveSnapshot } from "../data/snapshots";
import type { SyncTarget } from "../data/sync-claims";
import type { Patient } from "../fhir/types";
import { log } from "../log";
import type { RecordSettings } from "./record-settings";

/**
 * One connection's record, fetched and stored with a usable access token: the plan (granted scope ×
 * CapabilityStatement), a "pending" state row per planned search, the Patient (snapshot and store),
 * each search page by page (a page stored whole or not at all), removals after a full re-pull, then
 * the referenced resources not yet held. Stops at once when the connection is no longer active
 * (the participant withdrew) or the worker lost its claim.
 */
export type PullResult = {
  /** The connection stopped being ours to write (withdrawn, or the claim was lost). */
  stopped: boolean;
  planned: number;
  /** Searches (and the Patient read) that failed: 5xx, timeout, malformed, limits. Refused/unsupported are not failures. */
  failed: number;
  written: Record<string, number>;
  removed: Record<string, number>;
  /** The first failure's reason, for the connection's lastError. */
  firstError: string | null;
};

export type PullInput = {
  target: SyncTarget;
  fetch: Omit<FetchContext, "budget" | "retriesAfter429">;
  capabilities: Capabilities | null;
  settings: RecordSettings;
  /** Renews the worker's claim when due; false when it was lost. */
  keepAlive?: () => Promise<boolean>;
};

class Stopped extends Error {}

const add = (counts: Record<string, number>, type: string, n: number) => {
  if (n > 0) counts[type] = (counts[type] ?? 0) + n;
};

const toRow = (r: FetchedResource) => ({ resourceType: r.resourceType, fhirId: r.fhirId, versionId: r.versionId, lastUpdated: r.lastUpdated, contentHash: r.contentHash, json: r.json });

function stateAfter(previous: RecordState | undefined, base: Pick<RecordState, "searchKey" | "resourceType">): RecordState {
  return previous ?? { ...base, state: "pending", cursor: null, lastCompleteAt: null, lastFullAt: null, lastError: null, lastErrorAt: null, refusedCount: 0 };
}

const failureState = (kind: RequestFailure["kind"]): RecordStateName => kind;

export async function pullRecord(input: PullInput): Promise<PullResult> {
  const { target, settings } = input;
  const result: PullResult = { stopped: false, planned: 0, failed: 0, written: {}, removed: {}, firstError: null };
  const grant = grantFrom(target.grantedScope);
  const plan = planFetch({ fhirVersion: target.fhirVersion, grant, capabilities: input.capabilities, categoryRequired: settings.categoryRequired });
  const ctx: FetchContext = { ...input.fetch, budget: { remaining: settings.limits.maxBytesPerConnection }, retriesAfter429: settings.limits.retriesAfter429 };
  const previous = await readRecordStates(target.connectionId);
  const keys = [...(plan.patient ? [{ searchKey: "Patient", resourceType: "Patient" }] : []), ...plan.searches.map((s) => ({ searchKey: s.key, resourceType: s.resourceType }))];
  result.planned = keys.length;
  const states = new Map(keys.map((k) => [k.searchKey, { ...stateAfter(previous.get(k.searchKey), k), state: "pending" }]));
  const guard = (active: boolean) => {
    if (!active) throw new Stopped("the connection is no longer active");
  };
  const fail = (reason: string) => {
    result.failed++;
    result.firstError ??= reason;
  };
  const references = new Set<string>();

  // Finished searches' states are written together when several end in the same moment (one
  // transaction instead of one each), each as soon as the writes before it are done.
  const dirty = new Map<string, RecordState>();
  let writing: Promise<boolean> = Promise.resolve(true);
  const finishState = async (key: string, update: Partial<RecordState>) => {
    const next = { ...states.get(key)!, ...update };
    states.set(key, next);
    dirty.set(key, next);
    writing = writing.then(async (active) => {
      if (!active || dirty.size === 0) return active;
      const rows = [...dirty.values()];
      dirty.clear();
      return writeRecordStates(target.connectionId, rows);
    });
    guard(await writing);
  };

  try {
    guard(await writeRecordStates(target.connectionId, [...states.values()]));

    if (plan.patient) {
      const read = await readResource(ctx, "Patient", target.patientId, settings.limits.maxResourceBytes);
      const parsed = read.ok ? parsePatient(read.json) : null;
      if (read.ok && parsed?.ok) {
        guard(await saveSnapshot(target.connectionId, { patient: parsed.patient as Patient, raw: read.json, fhirVersion: target.fhirVersion }));
        const stored = await storeResources(target.connectionId, "record", [toRow(read.resource)]);
        guard(stored.active);
        add(result.written, "Patient", stored.written);
        collectReferences(read.resource.json, plan.referenceTypes, ctx.fhirBase, references);
        await finishState("Patient", { state: "done", lastCompleteAt: new Date(), lastFullAt: new Date(), lastError: null, lastErrorAt: null, refusedCount: 0 });
      } else {
        const failure: RequestFailure = read.ok ? { kind: "failed", reason: parsed && !parsed.ok ? parsed.message : "The Patient record could not be read." } : read;
        if (failure.kind === "failed") fail(failure.reason);
        await finishState("Patient", { state: failureState(failure.kind), lastError: failure.reason, lastErrorAt: new Date() });
      }
    }

    // Per type: the ids a full re-pull listed, or null when some search of the type was incremental or failed.
    const listed = new Map<string, Set<string> | null>();
    const runOne = async (search: PlannedSearch) => {
      if (input.keepAlive && !(await input.keepAlive())) throw new Stopped("the worker's claim was lost");
      const state = states.get(search.key)!;
      const now = Date.now();
      const cursorTime = state.cursor ? Date.parse(state.cursor) : NaN;
      const fullDue = !state.lastFullAt || now - state.lastFullAt.getTime() >= settings.fullEveryMs;
      const since = search.lastUpdated && !fullDue && Number.isFinite(cursorTime) ? new Date(cursorTime - settings.overlapMs).toISOString() : null;
      const outcome = await runSearch(ctx, {
        search,
        since,
        limits: settings.limits,
        referenceTypes: plan.referenceTypes,
        references,
        onPage: async (resources) => {
          const stored = await storeResources(target.connectionId, "record", resources.map(toRow));
          guard(stored.active);
          add(result.written, search.resourceType, stored.written);
        },
      });
      if (!outcome.ok) {
        listed.set(search.resourceType, null);
        if (outcome.kind === "failed") fail(outcome.reason);
        log.warn("sync.search_failed", { connectionId: target.connectionId, search: search.key, kind: outcome.kind, status: outcome.status });
        await finishState(search.key, { state: failureState(outcome.kind), lastError: outcome.reason, lastErrorAt: new Date(), refusedCount: outcome.refused });
        return;
      }
      if (since === null) {
        const ids = listed.has(search.resourceType) ? listed.get(search.resourceType) : new Set<string>();
        if (ids) outcome.seen.forEach((id) => ids.add(id));
        listed.set(search.resourceType, ids ?? null);
      } else listed.set(search.resourceType, null);
      const newest = [state.cursor, outcome.newestLastUpdated].filter((c): c is string => c !== null && Number.isFinite(Date.parse(c))).sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
      const at = new Date();
      await finishState(search.key, { state: "done", cursor: newest, lastCompleteAt: at, ...(since === null && { lastFullAt: at }), lastError: null, lastErrorAt: null, refusedCount: outcome.refused });
    };
    // Observation searches first: they are usually the longest chains of pages (labs, vitals), and
    // a chain that starts last ends last. The sort is stable: otherwise the plan's order.
    const queue = [...plan.searches].sort((a, b) => Number(b.resourceType === "Observation") - Number(a.resourceType === "Observation"));
    await Promise.all(
      Array.from({ length: Math.min(settings.searchesPerConnection, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await runOne(next);
      }),
    );

    for (const [type, ids] of listed) {
      if (!ids) continue;
      const removed = await markMissingRemoved(target.connectionId, type, ids);
      guard(removed.active);
      add(result.removed, type, removed.written);
    }

    await pullReferences(input, ctx, references, plan.referenceTypes, result, guard);
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    result.stopped = true;
    log.info("sync.record_stopped", { connectionId: target.connectionId, why: error.message });
  }
  return result;
}

/** The resources the record points at that the connection does not hold yet, read by id once. */
async function pullReferences(input: PullInput, ctx: FetchContext, references: Set<string>, types: string[], result: PullResult, guard: (active: boolean) => void) {
  if (references.size === 0 || types.length === 0) return;
  const held = await storedResourceKeys(input.target.connectionId, types);
  const wanted = [...references].filter((r) => !held.has(r)).slice(0, input.settings.limits.maxReferenceReads);
  const reads = await Promise.all(
    wanted.map(async (key) => {
      const [type = "", id = ""] = key.split("/");
      return readResource(ctx, type, id, input.settings.limits.maxResourceBytes);
    }),
  );
  const found = reads.flatMap((r) => (r.ok ? [r.resource] : []));
  const missed = reads.length - found.length;
  if (missed > 0) log.info("sync.references_unread", { connectionId: input.target.connectionId, missed });
  for (const type of types) {
    const ofType = found.filter((r) => r.resourceType === type);
    if (ofType.length === 0) continue;
    const stored = await storeResources(input.target.connectionId, "reference", ofType.map(toRow));
    guard(stored.active);
    add(result.written, type, stored.written);
  }
}
