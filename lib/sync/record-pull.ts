import "server-only";
import { parsePatient } from "../fhir/patient-schema";
import type { Capabilities } from "../fhir/record-fetch/capability";
import { collectReferences, type FetchedResource } from "../fhir/record-fetch/entries";
import { grantFrom } from "../fhir/record-fetch/grant";
import { planFetch, type FetchPlan, type PlannedSearch } from "../fhir/record-fetch/plan";
import { readResource } from "../fhir/record-fetch/read";
import { IDS_PER_SEARCH, readReferences } from "../fhir/record-fetch/references";
import type { FetchContext, RequestFailure } from "../fhir/record-fetch/request";
import { runSearch } from "../fhir/record-fetch/search";
import { readRecordStates, type RecordState, type RecordStateName } from "../data/record-states";
import { storedResourceKeys, storedResourceTypes } from "../data/resource-store";
import { saveSnapshot } from "../data/snapshots";
import type { SyncTarget } from "../data/sync-claims";
import type { Patient } from "../fhir/types";
import { log } from "../log";
import type { RecordSettings } from "./record-settings";
import { PULL_WRITER, RecordWriter } from "./record-writer";
import { WorkQueue } from "./work-queue";

/**
 * One connection's record, fetched and stored with a usable access token: the plan (granted scope ×
 * CapabilityStatement), a "pending" state row per planned search that has no row yet, then,
 * `searchesPerConnection` at a time, the Patient read (snapshot and store), each search page by
 * page (a page stored whole or not at all, the next page asked for as soon as the page before it
 * arrives), each type's removals once all its searches ended in a full re-pull, and each
 * referenced resource not yet held, read as soon as a page names it. Stops at once when the
 * connection is no longer active (the participant withdrew) or the worker lost its claim.
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

/**
 * Each planned search's state as the pull starts (the Patient read first): the previous pass's,
 * marked pending in memory, or a new pending one. Loops, not callbacks made per pull: V8 compiled
 * such callbacks again after every full collection (docs/SYNC.md, "closures made per call").
 */
function plannedStates(plan: FetchPlan, previous: Map<string, RecordState>): Map<string, RecordState> {
  const states = new Map<string, RecordState>();
  if (plan.patient) states.set("Patient", pendingState(previous.get("Patient"), "Patient", "Patient"));
  for (const search of plan.searches) states.set(search.key, pendingState(previous.get(search.key), search.key, search.resourceType));
  return states;
}

function pendingState(before: RecordState | undefined, searchKey: string, resourceType: string): RecordState {
  if (before) return { ...before, state: "pending" };
  return { searchKey, resourceType, state: "pending", cursor: null, lastCompleteAt: null, lastFullAt: null, lastError: null, lastErrorAt: null, refusedCount: 0 };
}

/** The later of two cursors (instants as the EHR wrote them); one that is not a time is ignored; on a tie, the first. */
function laterCursor(current: string | null, found: string | null): string | null {
  const currentAt = current === null ? NaN : Date.parse(current);
  const foundAt = found === null ? NaN : Date.parse(found);
  if (!Number.isFinite(foundAt)) return Number.isFinite(currentAt) ? current : null;
  return Number.isFinite(currentAt) && currentAt >= foundAt ? current : found;
}

const failureState = (kind: RequestFailure["kind"]): RecordStateName => kind;

export async function pullRecord(input: PullInput): Promise<PullResult> {
  const { target, settings } = input;
  // What was written and removed is the writer's (returned at the end).
  const result: Omit<PullResult, "written" | "removed"> = { stopped: false, planned: 0, failed: 0, firstError: null };
  const grant = grantFrom(target.grantedScope);
  const plan = planFetch({ fhirVersion: target.fhirVersion, grant, capabilities: input.capabilities, categoryRequired: settings.categoryRequired });
  const ctx: FetchContext = { ...input.fetch, budget: { remaining: settings.limits.maxBytesPerConnection }, retriesAfter429: settings.limits.retriesAfter429 };
  const [previous, held, storedTypes] = await Promise.all([
    readRecordStates(target.connectionId),
    plan.referenceTypes.length > 0 ? storedResourceKeys(target.connectionId, plan.referenceTypes) : Promise.resolve(new Set<string>()),
    storedResourceTypes(target.connectionId),
  ]);
  const states = plannedStates(plan, previous);
  result.planned = states.size;
  const guard = (active: boolean) => {
    if (!active) throw new Stopped("the connection is no longer active");
  };
  const fail = (reason: string) => {
    result.failed++;
    result.firstError ??= reason;
  };

  // Every write of this pull goes through one writer: pages, removal marks and state rows wait in
  // order and are written together (./record-writer.ts). The "pending" rows come first: one for each
  // planned search with no row yet (a first sync, or a newly planned search), so the participant's
  // progress counts every planned search from the start. A search an earlier pass finished keeps its
  // last result until this pass finishes it (a reconnect marks them all pending again,
  // queueFirstSync): a pass writes one state row per search, not two. Requests do not wait for the
  // writes, except when enough waits that the writer writes it at once.
  const writer = new RecordWriter(target.connectionId, { ...PULL_WRITER, storedTypes });
  for (const [key, state] of states) if (!previous.has(key)) writer.addState(state);
  const finishState = (key: string, update: Partial<RecordState>) => {
    const next = { ...states.get(key)!, ...update };
    states.set(key, next);
    writer.addState(next);
  };
  const store = async (source: "record" | "reference", resources: FetchedResource[]) => guard(await writer.addPage(source, resources));

  // Every request of this connection is a task of one queue: at most `searchesPerConnection` in
  // flight, the longest chains started first, referenced resources as soon as a page names them.
  // References wait per type; the task that reads them takes all that wait when it starts (up to
  // IDS_PER_SEARCH), so references named while the slots are busy go in one request.
  const work = new WorkQueue(settings.searchesPerConnection);
  const asked = new Set<string>();
  const waitingIds = new Map<string, string[]>();
  let unread = 0;
  const readWaiting = (type: string) => async () => {
    const ids = waitingIds.get(type)!;
    const batch = ids.splice(0, IDS_PER_SEARCH);
    if (ids.length > 0) work.add(readWaiting(type));
    else waitingIds.delete(type);
    const read = await readReferences(ctx, type, batch, settings.limits, plan.referenceSearch.get(type) ?? null);
    if (read.searchRefused) plan.referenceSearch.delete(type);
    unread += read.unread;
    await store("reference", read.resources);
  };
  const onReferences = (found: Set<string>) => {
    for (const key of found) {
      if (held.has(key) || asked.has(key) || asked.size >= settings.limits.maxReferenceReads) continue;
      asked.add(key);
      const [type = "", id = ""] = key.split("/");
      const ids = waitingIds.get(type);
      if (ids) ids.push(id);
      else {
        waitingIds.set(type, [id]);
        work.add(readWaiting(type));
      }
    }
  };

  const readPatient = async () => {
    const read = await readResource(ctx, "Patient", target.patientId, settings.limits.maxResourceBytes);
    const parsed = read.ok ? parsePatient(read.json) : null;
    if (read.ok && parsed?.ok) {
      const references = new Set<string>();
      collectReferences(read.resource.json, plan.referenceTypes, ctx.fhirBase, references);
      onReferences(references);
      guard(await saveSnapshot(target.connectionId, { patient: parsed.patient as Patient, raw: read.json, fhirVersion: target.fhirVersion }));
      await store("record", [read.resource]);
      finishState("Patient", { state: "done", lastCompleteAt: new Date(), lastFullAt: new Date(), lastError: null, lastErrorAt: null, refusedCount: 0 });
    } else {
      const failure: RequestFailure = read.ok ? { kind: "failed", reason: parsed && !parsed.ok ? parsed.message : "The Patient record could not be read." } : read;
      if (failure.kind === "failed") fail(failure.reason);
      finishState("Patient", { state: failureState(failure.kind), lastError: failure.reason, lastErrorAt: new Date() });
    }
  };

  // Per type: the ids a full re-pull listed, or null when some search of the type was incremental or
  // failed. Once every search of a type has ended, what it no longer lists is marked removed; a type
  // the connection held nothing of when the pull began (a first sync) has nothing to mark.
  const listed = new Map<string, Set<string> | null>();
  const searchesLeft = new Map<string, number>();
  for (const s of plan.searches) searchesLeft.set(s.resourceType, (searchesLeft.get(s.resourceType) ?? 0) + 1);
  const searchEnded = (type: string) => {
    const left = searchesLeft.get(type)! - 1;
    searchesLeft.set(type, left);
    const ids = listed.get(type);
    if (left > 0 || !ids || !storedTypes.has(type)) return;
    writer.addRemoval(type, ids);
  };
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
      onReferences,
      onPage: (resources) => store("record", resources),
    });
    if (!outcome.ok) {
      listed.set(search.resourceType, null);
      if (outcome.kind === "failed") fail(outcome.reason);
      log.warn("sync.search_failed", { connectionId: target.connectionId, search: search.key, kind: outcome.kind, status: outcome.status });
      finishState(search.key, { state: failureState(outcome.kind), lastError: outcome.reason, lastErrorAt: new Date(), refusedCount: outcome.refused });
      return searchEnded(search.resourceType);
    }
    if (since === null) {
      const ids = listed.has(search.resourceType) ? listed.get(search.resourceType) : new Set<string>();
      if (ids) for (const id of outcome.seen) ids.add(id);
      listed.set(search.resourceType, ids ?? null);
    } else listed.set(search.resourceType, null);
    // Every page of this search is with the writer by now, which writes this state row after them: the cursor may advance.
    const newest = laterCursor(state.cursor, outcome.newestLastUpdated);
    const at = new Date();
    finishState(search.key, { state: "done", cursor: newest, lastCompleteAt: at, ...(since === null && { lastFullAt: at }), lastError: null, lastErrorAt: null, refusedCount: outcome.refused });
    searchEnded(search.resourceType);
  };

  try {
    // Observation searches first: they are usually the longest chains of pages (labs, vitals), and
    // a chain that starts last ends last. The Patient read goes right after them, alongside the
    // searches (nothing waits for it). Otherwise the plan's order.
    for (const search of plan.searches) if (search.resourceType === "Observation") work.add(() => runOne(search));
    if (plan.patient) work.add(readPatient);
    for (const search of plan.searches) if (search.resourceType !== "Observation") work.add(() => runOne(search));
    await work.finished();
    guard(await writer.flush());
    if (unread > 0) log.info("sync.references_unread", { connectionId: target.connectionId, missed: unread });
  } catch (error) {
    writer.discard();
    if (!(error instanceof Stopped)) throw error;
    result.stopped = true;
    log.info("sync.record_stopped", { connectionId: target.connectionId, why: error.message });
  }
  return { ...result, written: writer.written, removed: writer.removed };
}
