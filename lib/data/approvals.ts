import "server-only";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";

/**
 * Approvals (the participant's consent at their EHR) that end soon, for study staff (any role).
 * `approvalExpiresAt` comes from the EHR where it says (refresh_token_expires_in in a token
 * answer, at enrollment and at every refresh), else from the health system's `approvalDays`
 * (per-EHR configuration); an approval the EHR ends earlier shows up as "needs reconnecting".
 */
export type EndingApproval = {
  connectionId: string;
  participantId: string;
  healthSystemName: string;
  displayName: string | null;
  approvalExpiresAt: Date;
  daysLeft: number;
};

export async function listApprovalsEndingSoon(
  staff: StaffSession,
  { days = 30, now = new Date(), take = 200 }: { days?: number; now?: Date; take?: number } = {},
): Promise<EndingApproval[]> {
  assertRole(staff, "viewer");
  const rows = await (await db()).connection.findMany({
    where: { status: "connected", approvalExpiresAt: { gt: now, lte: new Date(now.getTime() + days * 86_400_000) } },
    orderBy: { approvalExpiresAt: "asc" },
    take,
    select: {
      id: true,
      participantId: true,
      approvalExpiresAt: true,
      healthSystem: { select: { name: true } },
      snapshot: { select: { displayName: true } },
    },
  });
  return rows.map((r) => ({
    connectionId: r.id,
    participantId: r.participantId,
    healthSystemName: r.healthSystem.name,
    displayName: r.snapshot?.displayName ?? null,
    approvalExpiresAt: r.approvalExpiresAt!,
    daysLeft: approvalDaysLeft(r.approvalExpiresAt!, now),
  }));
}

/** Whole days until the approval ends, rounded up ("expires in 1 day" until the last moment). */
export function approvalDaysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / 86_400_000));
}
