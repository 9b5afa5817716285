import "server-only";
import type { ParticipantSession } from "../data/callers";
import { recordConnectionStopped } from "../data/participant-accounts";
import { getConnectionsForWithdrawal } from "../data/participants";
import { endAccessAtEhr } from "../enrollment/withdraw";
import { env } from "../env";
import { log } from "../log";

/**
 * "Stop sharing from this health system": one connection of the signed-in participant ends (asked
 * at the EHR where it can be, then tokens deleted and its record handled as the withdrawal policy
 * says); they stay in the study with their other connections. No EHR sign-in is needed.
 */
export async function stopSharing(me: ParticipantSession, connectionId: string): Promise<"stopped" | "not-found"> {
  const [connection] = await getConnectionsForWithdrawal(me, connectionId);
  if (!connection) return "not-found";
  const ehrAccessEnded = await endAccessAtEhr(connection);
  const stopped = await recordConnectionStopped(me, connectionId, { keepRecord: env().WITHDRAWAL_POLICY === "keep", ehrAccessEnded });
  log.info("connection.stopped", { connectionId, ehrAccessEnded });
  return stopped ? "stopped" : "not-found";
}
