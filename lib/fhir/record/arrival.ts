/**
 * How far a connection's record sync has got and what arrived, from its planned searches
 * (RecordTypeState rows: one per search, "pending" until a first sync or reconnect has run it) and the
 * resources held, counted by kind. Pure: the participant's confirmation page and the staff
 * participant page word it.
 */
import { inKindOrder, kindOfSearch, RECORD_KINDS, type RecordKind } from "./kinds";

/** The states a planned search can be in (RecordTypeState.state). */
export const SEARCH_STATES = ["pending", "done", "failed", "refused", "unsupported"] as const;
export type SearchState = (typeof SEARCH_STATES)[number];

/** A search's state as stored; anything else (a newer worker's word) reads as failed, never as done. */
export function searchState(value: string): SearchState {
  return (SEARCH_STATES as readonly string[]).includes(value) ? (value as SearchState) : "failed";
}

/**
 * "5 of 14 kinds": planned searches finished (in any way), as a first sync or a reconnect goes;
 * later passes replace each search's result as they finish it, so the record stays complete.
 */
export type RecordProgress = { finished: number; planned: number; complete: boolean };

export function recordProgress(searches: readonly { state: string }[]): RecordProgress {
  const finished = searches.filter((s) => s.state !== "pending").length;
  return { finished, planned: searches.length, complete: searches.length > 0 && finished === searches.length };
}

/** What one search of every Observation (no category) stands for, in a participant's words. */
const ALL_OBSERVATIONS: readonly RecordKind[] = ["labs", "vitals", "observations"];

export type KindCounts = Partial<Readonly<Record<RecordKind, number>>>;

/** What arrived, by kind, and what did not, each list in reading order. */
export type ArrivalSummary = {
  /** Kinds with resources held, with how many. */
  arrived: { kind: RecordKind; count: number }[];
  /** Kinds the health system refused or does not offer, with nothing held. */
  notShared: RecordKind[];
  /** Kinds whose search failed this pass (held resources, if any, are from earlier). */
  notRead: RecordKind[];
  /** Kinds searched without error that have nothing in the record. */
  noneFound: RecordKind[];
};

/**
 * Sorts each kind into arrived / not shared / not read / none found. A kind with several
 * searches (medicines: prescriptions, statements, dispenses) arrived if any resource is held,
 * and is "not read" if any of its searches failed.
 */
export function summarizeArrival(counts: KindCounts, searches: readonly { searchKey: string; state: string }[]): ArrivalSummary {
  const states = new Map<RecordKind, Set<SearchState>>();
  /** Kinds a search of their own found empty (a search of all Observations does not say "no exam findings"). */
  const ownSearchDone = new Set<RecordKind>();
  for (const s of searches) {
    const kind = kindOfSearch(s.searchKey);
    if (kind === null) continue;
    const state = searchState(s.state);
    const covers = s.searchKey === "Observation" ? ALL_OBSERVATIONS : [kind];
    for (const k of covers) states.set(k, (states.get(k) ?? new Set<SearchState>()).add(state));
    if (state === "done" && s.searchKey !== "Observation") ownSearchDone.add(kind);
  }
  const summary: ArrivalSummary = { arrived: [], notShared: [], notRead: [], noneFound: [] };
  for (const kind of RECORD_KINDS) {
    const count = counts[kind] ?? 0;
    const kindStates = states.get(kind) ?? new Set<SearchState>();
    if (count > 0) summary.arrived.push({ kind, count });
    if (kindStates.has("failed")) summary.notRead.push(kind);
    else if (count === 0 && kindStates.size > 0 && [...kindStates].every((s) => s === "refused" || s === "unsupported")) summary.notShared.push(kind);
    else if (count === 0 && ownSearchDone.has(kind)) summary.noneFound.push(kind);
  }
  summary.arrived = inKindOrder(summary.arrived);
  return summary;
}

/** A search's state in staff's words. */
export const SEARCH_STATE_WORDS: Readonly<Record<SearchState, string>> = {
  pending: "Waiting (this pass)",
  done: "Complete",
  failed: "Failed (will retry)",
  refused: "Refused by the health system",
  unsupported: "Not offered by the health system",
};
