import "server-only";
import { db } from "../db";
import type { ParticipantSession } from "./callers";

/**
 * Whether the signed-in participant has a live connection to this health system (a replayed
 * callback then means "already connected", not an error). Filters by the session's own id.
 */
export async function isConnectedTo(me: ParticipantSession, healthSystemId: string): Promise<boolean> {
  const found = await (await db()).connection.findFirst({
    where: { participantId: me.participantId, healthSystemId, status: "connected", participant: { status: { not: "withdrawn" } } },
    select: { id: true },
  });
  return found !== null;
}
