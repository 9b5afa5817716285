import "server-only";
import type { ParticipantSession } from "../data/callers";
import { getConnectionsForWithdrawal, recordWithdrawal } from "../data/participants";
import { getHealthSystemClient, getHealthSystemConfig } from "../data/health-systems";
import { markEhrAccessEnded } from "../data/participant-accounts";
import { env } from "../env";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import { revoke } from "../smart";

type ConnectionToEnd = Awaited<ReturnType<typeof getConnectionsForWithdrawal>>[number];

/**
 * Asks the EHR to end the study's access (RFC 7009), where it has a revocation endpoint (best
 * effort, no transaction open meanwhile). True only when the EHR confirmed it: an EHR without the
 * endpoint (the S4S reference server, smart-launcher-v2) was not asked, and its approval stays
 * live until the participant ends it on the EHR's own page.
 */
export async function endAccessAtEhr(connection: ConnectionToEnd): Promise<boolean> {
  const healthSystem = await getHealthSystemConfig(connection.healthSystemId);
  const client = connection.client ?? (await getHealthSystemClient(connection.healthSystemId));
  const token = connection.refreshToken ?? connection.accessToken;
  if (!healthSystem || !client || !token) return false;
  const result = await revoke({
    config: healthSystem.config,
    client,
    token,
    tokenTypeHint: connection.refreshToken ? "refresh_token" : "access_token",
    timeoutMs: ehrTimeoutMs(),
    policy: ehrUrlPolicy(),
  });
  log.info("withdrawal.revoke", { connectionId: connection.id, result: result.ok ? result.value : result.error.kind });
  return result.ok && result.value === "revoked";
}

/**
 * A participant withdraws: revoke at each EHR that can, then delete the tokens and apply the
 * withdrawal policy; where the EHR confirmed the end, that is recorded on the connection.
 */
export async function withdrawParticipant(me: ParticipantSession, reason: string | null): Promise<void> {
  const ended: string[] = [];
  for (const connection of await getConnectionsForWithdrawal(me)) if (await endAccessAtEhr(connection)) ended.push(connection.id);
  await recordWithdrawal(me, { reason: reason?.slice(0, 500) || null, keepSnapshot: env().WITHDRAWAL_POLICY === "keep" });
  await markEhrAccessEnded(me, ended);
  log.info("withdrawal.recorded", { participantId: me.participantId });
}
