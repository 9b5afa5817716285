import "server-only";
import type { ParticipantSession } from "../data/callers";
import { getMyAccount, listMyConnections } from "../data/participant-accounts";
import { withdrawParticipant } from "../enrollment/withdraw";
import { log } from "../log";
import { sendWithdrawalConfirmation } from "./send";

/**
 * "Leave the study": every connection withdrawn (revoked at each EHR that can; withdrawal policy
 * applied: lib/enrollment/withdraw.ts), then an email confirms what happened at each health
 * system. The email going out later (or failing) never undoes the withdrawal.
 */
export async function leaveStudy(me: ParticipantSession, reason: string | null): Promise<void> {
  const before = new Set((await listMyConnections(me)).filter((c) => c.status !== "withdrawn").map((c) => c.id));
  await withdrawParticipant(me, reason);
  const account = await getMyAccount(me);
  if (!account?.email) return;
  const outcomes = (await listMyConnections(me))
    .filter((c) => before.has(c.id))
    .map((c) => ({ healthSystemName: c.healthSystemName, ended: c.ehrAccessEndedAt !== null, manageUrl: c.manageUrl }));
  await sendWithdrawalConfirmation(me, account.email, outcomes).catch((error: unknown) =>
    log.error("withdrawal.email_not_queued", { participantId: me.participantId, error: error instanceof Error ? error.message : String(error) }),
  );
}
