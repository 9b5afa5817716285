import { describe, expect, it } from "vitest";
import { db } from "../db";
import { hashLinkToken, LINK_LIFETIME_MS, LINKS_PER_ADDRESS } from "../accounts/link-tokens";
import { issueVerificationLink, previewSignInLink, requestSignInLink, redeemSignInLink } from "./sign-in-links";
import { uniqueId } from "./test-factories";

async function aParticipantWithEmail({ verified = true } = {}) {
  const email = `p-${uniqueId()}@example.org`;
  const participant = await (await db()).participant.create({ data: { email, emailVerifiedAt: verified ? new Date() : null } });
  return { id: participant.id, email };
}

describe("emailed sign-in links", () => {
  it("are stored only as the SHA-256 of their token, and sign in once", async () => {
    const { id, email } = await aParticipantWithEmail();
    const requested = await requestSignInLink(email);
    if (!requested.ok || !requested.send) throw new Error("no link");
    const { token } = requested.send;
    expect(requested.send).toMatchObject({ participantId: id, purpose: "sign_in", email });
    const rows = await (await db()).signInLink.findMany({ where: { email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashLinkToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    expect(await previewSignInLink(token)).toEqual({ ok: true, purpose: "sign_in" });
    expect(await redeemSignInLink(token)).toEqual({ ok: true, participantId: id, purpose: "sign_in" });
    expect(await redeemSignInLink(token)).toEqual({ ok: false, reason: "used" });
    expect(await previewSignInLink(token)).toEqual({ ok: false, reason: "used" });
  });

  it("of two simultaneous uses, exactly one signs in", async () => {
    const { email } = await aParticipantWithEmail();
    const requested = await requestSignInLink(email);
    if (!requested.ok || !requested.send) throw new Error("no link");
    const outcomes = await Promise.all([redeemSignInLink(requested.send.token), redeemSignInLink(requested.send.token)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  it("expire after 15 minutes", async () => {
    const { email } = await aParticipantWithEmail();
    const sentAt = new Date(Date.now() - LINK_LIFETIME_MS - 1000);
    const requested = await requestSignInLink(email, sentAt);
    if (!requested.ok || !requested.send) throw new Error("no link");
    expect(LINK_LIFETIME_MS).toBe(15 * 60_000);
    expect(await redeemSignInLink(requested.send.token)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse forged, malformed and unknown tokens", async () => {
    for (const forged of ["", "x", "A".repeat(43), "../../etc", null, undefined, 12]) {
      expect(await redeemSignInLink(forged)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("give the same answer for an address nobody has, with nothing that can be used", async () => {
    const nobody = `nobody-${uniqueId()}@example.org`;
    const answer = await requestSignInLink(nobody);
    expect(answer).toEqual({ ok: true, send: null });
    const [row] = await (await db()).signInLink.findMany({ where: { email: nobody } });
    expect(row).toMatchObject({ participantId: null, usedAt: null });
  });

  it("are limited per address, counted alike whether or not the address is enrolled", async () => {
    const { email } = await aParticipantWithEmail();
    const nobody = `nobody-${uniqueId()}@example.org`;
    for (const address of [email, nobody]) {
      for (let i = 0; i < LINKS_PER_ADDRESS; i++) expect((await requestSignInLink(address)).ok).toBe(true);
      expect(await requestSignInLink(address)).toEqual({ ok: false, reason: "too-many" });
      // A quarter of an hour later, the address may ask again.
      expect((await requestSignInLink(address, new Date(Date.now() + 16 * 60_000))).ok).toBe(true);
    }
  });

  it("confirm the email given at consent (and sign in); an unconfirmed address asking to sign in gets a confirmation link", async () => {
    const { id, email } = await aParticipantWithEmail({ verified: false });
    const requested = await requestSignInLink(email);
    expect(requested).toMatchObject({ ok: true, send: { purpose: "verify_email" } });
    const link = await issueVerificationLink(id);
    if (!link) throw new Error("no link");
    expect(await redeemSignInLink(link.token)).toEqual({ ok: true, participantId: id, purpose: "verify_email" });
    const participant = await (await db()).participant.findUniqueOrThrow({ where: { id } });
    expect(participant.emailVerifiedAt).not.toBeNull();
    expect(await issueVerificationLink(id)).toBeNull();
    const events = await (await db()).auditEvent.findMany({ where: { participantId: id }, select: { action: true } });
    expect(events.map((e) => e.action).sort()).toEqual(["participant.email_verified", "participant.sign_in"]);
  });
});
