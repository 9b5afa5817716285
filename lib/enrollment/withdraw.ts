import "server-only";
import type { ParticipantSession } from "../data/callers";
import { getConnectionsForWithdrawal, recordWithdrawal } from "../data/participants";
import { getHealthSystemClient, getHealthSystemConfig } from "../data/health-systems";
import { env } from "../env";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import { revoke } from "../smart";

/**
 * A participant withdraws: revoke at the EHR where it has a revocation endpoint (best effort, no
 * transaction open meanwhile), then delete the tokens and apply the withdrawal policy.
 */
export async function withdrawParticipant(me: ParticipantSession, reason: string | null): Promise<void> {
  for (const connection of await getConnectionsForWithdrawal(me)) {
    const healthSystem = await getHealthSystemConfig(connection.healthSystemId);
    const client = connection.client ?? (await getHealthSystemClient(connection.healthSystemId));
    const token = connection.refreshToken ?? connection.accessToken;
    if (!healthSystem || !client || !token) continue;
    const result = await revoke({
      config: healthSystem.config,
      client,
      token,
      tokenTypeHint: connection.refreshToken ? "refresh_token" : "access_token",
      timeoutMs: ehrTimeoutMs(),
      policy: ehrUrlPolicy(),
    });
    log.info("withdrawal.revoke", { connectionId: connection.id, result: result.ok ? result.value : result.error.kind });
  }
  await recordWithdrawal(me, { reason: reason?.slice(0, 500) || null, keepSnapshot: env().WITHDRAWAL_POLICY === "keep" });
  log.info("withdrawal.recorded", { participantId: me.participantId });
}
