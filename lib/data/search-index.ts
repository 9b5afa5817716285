import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import type { DbTransaction, Prisma } from "../db/client";
import { keysetPages } from "../db/keyset-pages";
import { patientSearchTokens, prefixUpperBound, searchWords, tokensOf, tokensText } from "../dashboard/search-tokens";
import { parsePatient } from "../fhir/patient-schema";
import { log } from "../log";
import { newStudyParticipantId } from "../study/participant-id";
import { deceasedMark } from "./snapshots";

/**
 * The participant search index (SearchToken rows; see lib/dashboard/search-tokens.ts) and the
 * study's participant ids. "record" tokens come with every Patient snapshot (lib/db/sync-sql);
 * "ids" tokens (study participant id, EHR patient id) are written here at enrollment.
 */
type Tx = Pick<DbTransaction, "searchToken" | "participant">;

/** Replaces a connection's "ids" tokens (inside the caller's transaction). */
export async function writeIdTokens(tx: Tx, connectionId: string, ids: { studyId: string | null; patientId: string }): Promise<void> {
  await tx.searchToken.deleteMany({ where: { connectionId, source: "ids" } });
  const tokens = tokensOf([ids.studyId ?? undefined, ids.patientId]);
  if (tokens.length > 0) await tx.searchToken.createMany({ data: tokens.map((token) => ({ id: randomUUID(), connectionId, token, source: "ids" })) });
}

/** A study participant id no participant has yet (drawn again on the rare clash). */
export async function freeStudyId(tx: Tx): Promise<string> {
  for (;;) {
    const candidate = newStudyParticipantId();
    if (!(await tx.participant.findUnique({ where: { studyId: candidate }, select: { id: true } }))) return candidate;
  }
}

/** The search's words as prefix ranges on the token index (empty: no usable word, so nothing matches). */
export function searchRanges(q: string): { from: string; to: string | null }[] {
  return searchWords(q).map((word) => ({ from: word, to: prefixUpperBound(word) }));
}

/**
 * The search as a Prisma `where` (for the exports, which walk the table by id in one pass): every
 * word must start some token of the connection. The table's pages use lib/db/search-sql instead.
 * A search with no usable word matches nothing.
 */
export function searchWhere(q: string): Prisma.ConnectionWhereInput | undefined {
  if (q.trim() === "") return undefined;
  const ranges = searchRanges(q);
  if (ranges.length === 0) return { id: { in: [] } };
  return { AND: ranges.map(({ from, to }) => ({ searchTokens: { some: { token: to === null ? { gte: from } : { gte: from, lt: to } } } })) };
}

/**
 * Start-up: gives a study participant id to participants enrolled before there were any, and
 * indexes connections and snapshots stored before the index existed. Walks each table once by id
 * (constant memory); does nothing on a database that is up to date.
 */
export async function backfillSearchIndex(batchSize = 500): Promise<{ participants: number; connections: number; snapshots: number }> {
  const client = await db();
  const counts = { participants: 0, connections: 0, snapshots: 0 };
  const byId = { orderBy: { id: "asc" as const }, take: batchSize };
  for await (const rows of keysetPages(batchSize, (after) => client.participant.findMany({ where: { studyId: null, ...(after && { id: { gt: after } }) }, ...byId, select: { id: true } }), (r) => r.id)) {
    for (const row of rows) {
      await client.$transaction(async (tx) => {
        const studyId = await freeStudyId(tx);
        await tx.participant.update({ where: { id: row.id }, data: { studyId } });
        for (const c of await tx.connection.findMany({ where: { participantId: row.id }, select: { id: true, patientId: true } })) await writeIdTokens(tx, c.id, { studyId, patientId: c.patientId });
      });
      counts.participants++;
    }
  }
  const unindexed = (after: string | null) =>
    client.connection.findMany({ where: { searchTokens: { none: { source: "ids" } }, ...(after && { id: { gt: after } }) }, ...byId, select: { id: true, patientId: true, participant: { select: { studyId: true } } } });
  for await (const rows of keysetPages(batchSize, unindexed, (r) => r.id)) {
    await client.$transaction(async (tx) => {
      for (const c of rows) await writeIdTokens(tx, c.id, { studyId: c.participant.studyId, patientId: c.patientId });
    });
    counts.connections += rows.length;
  }
  const snapshots = (after: string | null) =>
    client.patientSnapshot.findMany({ where: { connection: { searchTokens: { none: { source: "record" } } }, ...(after && { id: { gt: after } }) }, ...byId, select: { id: true, connectionId: true, resourceJson: true } });
  for await (const rows of keysetPages(batchSize, snapshots, (r) => r.id)) {
    await client.$transaction(async (tx) => {
      for (const s of rows) {
        const parsed = safeParsePatient(s.resourceJson);
        if (!parsed) continue;
        const tokens = patientSearchTokens(parsed);
        await tx.patientSnapshot.update({ where: { id: s.id }, data: { searchText: tokensText(tokens), deceased: deceasedMark(parsed) } });
        await tx.searchToken.createMany({ data: tokens.map((token) => ({ id: randomUUID(), connectionId: s.connectionId, token, source: "record" })) });
      }
    });
    counts.snapshots += rows.length;
  }
  if (counts.participants + counts.connections + counts.snapshots > 0) log.info("search_index.backfilled", counts);
  return counts;
}

function safeParsePatient(json: string) {
  try {
    const parsed = parsePatient(JSON.parse(json));
    return parsed.ok ? parsed.patient : null;
  } catch {
    return null;
  }
}
