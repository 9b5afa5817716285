import "server-only";
import { db, type Db } from "../db";
import { recordProgress, searchState, summarizeArrival, type ArrivalSummary, type KindCounts, type RecordProgress, type SearchState } from "../fhir/record/arrival";
import { kindOfResource, kindOfSearch, observationCategoryKind, RECORD_KINDS, type RecordKind } from "../fhir/record/kinds";
import { assertRole, type StaffSession } from "../staff/roles";
import type { ParticipantSession } from "./callers";

/**
 * How far the sync of a connection's whole record has got and what it holds, from the planned
 * searches (RecordTypeState) and the resource store (FhirResource, removed ones left out): counted
 * in SQL by type (the (connectionId, resourceType, removedAt) index), Observations by category
 * from their JSON. The participant sees their own newest connection; staff see every connection
 * of a participant, inside a participant view that getParticipantForStaff audits.
 */

/** Held resources of one type, and when one of them last changed. */
export type HeldType = { resourceType: string; source: string; count: number; lastChangedAt: Date | null };
/** One planned search, with what it holds. */
export type RecordSearchStatus = {
  searchKey: string;
  resourceType: string;
  kind: RecordKind | null;
  state: SearchState;
  held: number;
  lastChangedAt: Date | null;
  lastCompleteAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  refusedCount: number;
};

type Held = { types: HeldType[]; kinds: Map<RecordKind, { count: number; lastChangedAt: Date | null }> };

const later = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a > b ? a : b);

async function heldResources(client: Db, connectionIds: string[]): Promise<Map<string, Held>> {
  const where = { connectionId: { in: connectionIds }, removedAt: null };
  const [groups, observations] = await Promise.all([
    client.fhirResource.groupBy({ by: ["connectionId", "resourceType", "source"], where, _count: { _all: true }, _max: { changedAt: true } }),
    client.fhirResource.findMany({ where: { ...where, resourceType: "Observation" }, select: { connectionId: true, resourceJson: true, changedAt: true } }),
  ]);
  const out = new Map<string, Held>(connectionIds.map((id) => [id, { types: [], kinds: new Map() }]));
  const addKind = (held: Held, kind: RecordKind | null, count: number, at: Date | null) => {
    if (kind === null) return;
    const was = held.kinds.get(kind) ?? { count: 0, lastChangedAt: null };
    held.kinds.set(kind, { count: was.count + count, lastChangedAt: later(was.lastChangedAt, at) });
  };
  for (const g of groups) {
    const held = out.get(g.connectionId)!;
    held.types.push({ resourceType: g.resourceType, source: g.source, count: g._count._all, lastChangedAt: g._max.changedAt });
    if (g.resourceType !== "Observation" && g.source === "record") addKind(held, kindOfResource(g.resourceType), g._count._all, g._max.changedAt);
  }
  for (const o of observations) addKind(out.get(o.connectionId)!, observationCategoryKind(parseJson(o.resourceJson)), 1, o.changedAt);
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const kindCounts = (held: Held): KindCounts => Object.fromEntries([...held.kinds].map(([kind, v]) => [kind, v.count]));

const SEARCH_SELECT = { connectionId: true, searchKey: true, resourceType: true, state: true, lastCompleteAt: true, lastError: true, lastErrorAt: true, refusedCount: true } as const;

/** The participant's own newest connection: how far its sync has got and, once finished, what arrived. */
export type MyRecordStatus = {
  connectionStatus: string;
  connectedAt: Date;
  recordSyncedAt: Date | null;
  progress: RecordProgress;
  /** Filled once every planned search of the current pass has finished. */
  arrival: ArrivalSummary | null;
};

export async function getMyRecordStatus(me: ParticipantSession): Promise<MyRecordStatus | null> {
  const client = await db();
  const connection = await client.connection.findFirst({
    where: { participantId: me.participantId },
    orderBy: { connectedAt: "desc" },
    select: { id: true, status: true, connectedAt: true, recordSyncedAt: true, recordTypes: { select: { searchKey: true, state: true } } },
  });
  if (!connection) return null;
  const progress = recordProgress(connection.recordTypes);
  const arrival = progress.complete ? summarizeArrival(kindCounts((await heldResources(client, [connection.id])).get(connection.id)!), connection.recordTypes) : null;
  return { connectionStatus: connection.status, connectedAt: connection.connectedAt, recordSyncedAt: connection.recordSyncedAt, progress, arrival };
}

/** One connection's record for staff: each planned search with its state, and every type held. */
export type ConnectionRecordStatus = {
  connectionId: string;
  recordSyncedAt: Date | null;
  progress: RecordProgress;
  searches: RecordSearchStatus[];
  /** Held types no planned search stands for (resources read because the record points at them). */
  otherHeld: HeldType[];
};

export async function getRecordStatusForStaff(staff: StaffSession, participantId: string): Promise<ConnectionRecordStatus[]> {
  assertRole(staff, "viewer");
  const client = await db();
  const connections = await client.connection.findMany({ where: { participantId }, orderBy: { connectedAt: "desc" }, select: { id: true, recordSyncedAt: true } });
  if (connections.length === 0) return [];
  const ids = connections.map((c) => c.id);
  const [states, held] = await Promise.all([
    client.recordTypeState.findMany({ where: { connectionId: { in: ids } }, orderBy: { searchKey: "asc" }, select: SEARCH_SELECT }),
    heldResources(client, ids),
  ]);
  return connections.map(({ id, recordSyncedAt }) => {
    const mine = states.filter((s) => s.connectionId === id);
    const h = held.get(id)!;
    const searches = mine.map(({ connectionId: _, ...s }) => ({ ...s, state: searchState(s.state), kind: kindOfSearch(s.searchKey), ...heldBy(s.searchKey, s.resourceType, h) })).sort(inReadingOrder);
    const searched = new Set(mine.map((s) => s.resourceType));
    return { connectionId: id, recordSyncedAt, progress: recordProgress(mine), searches, otherHeld: h.types.filter((t) => !searched.has(t.resourceType)) };
  });
}

/** The Patient first, then kinds as the participant reads them (labs, vitals, …), then by search key. */
const rank = (kind: RecordKind | null) => (kind === null ? -1 : RECORD_KINDS.indexOf(kind));
const inReadingOrder = (a: RecordSearchStatus, b: RecordSearchStatus) => rank(a.kind) - rank(b.kind) || (a.searchKey < b.searchKey ? -1 : a.searchKey > b.searchKey ? 1 : 0);

/** What a search holds: an Observation category search its category's Observations, any other search its whole type (the table says so). */
function heldBy(searchKey: string, resourceType: string, held: Held): { held: number; lastChangedAt: Date | null } {
  if (resourceType === "Observation" && searchKey.includes(":")) {
    const kind = held.kinds.get(kindOfSearch(searchKey)!);
    return { held: kind?.count ?? 0, lastChangedAt: kind?.lastChangedAt ?? null };
  }
  const types = held.types.filter((t) => t.resourceType === resourceType);
  return { held: types.reduce((n, t) => n + t.count, 0), lastChangedAt: types.reduce<Date | null>((at, t) => later(at, t.lastChangedAt), null) };
}
