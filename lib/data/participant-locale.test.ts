import { describe, expect, it } from "vitest";
import { db } from "../db";
import { participantSession } from "./callers";
import { getMyLocale, saveMyLocale } from "./participant-locale";
import { createEnrollmentAttempt } from "./enrollment-attempts";
import { aHealthSystem, enrolled, tokensFor, uniqueId } from "./test-factories";

async function aParticipant() {
  const hs = await aHealthSystem();
  const done = await enrolled(await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: "2026-11-v1", consentedAt: new Date() }), tokensFor(`p-${uniqueId()}`));
  return done.participantId;
}

describe("a participant's language on their account", () => {
  it("is English until they choose, then what they chose, for them alone", async () => {
    const me = participantSession(await aParticipant());
    const other = participantSession(await aParticipant());
    expect(await getMyLocale(me)).toBe("en");
    await saveMyLocale(me, "es");
    expect(await getMyLocale(me)).toBe("es");
    expect(await getMyLocale(other)).toBe("en");
  });

  it("reads a stored value the portal does not support as none (the browser's language then decides)", async () => {
    const id = await aParticipant();
    await (await db()).participant.update({ where: { id }, data: { locale: "fr" } });
    expect(await getMyLocale(participantSession(id))).toBeNull();
  });

  it("an unknown participant has none, and saving for one changes nothing", async () => {
    const ghost = participantSession("no-such-participant");
    await saveMyLocale(ghost, "es");
    expect(await getMyLocale(ghost)).toBeNull();
  });
});
