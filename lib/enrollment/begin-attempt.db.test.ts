import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { db } from "../db";
import { operator } from "../data/callers";
import { saveHealthSystem } from "../data/health-system-save";
import { smartConfiguration, uniqueId } from "../data/test-factories";
import { ATTEMPT_RETENTION_DAYS, cleanUpEndedAttempts, getOpenAttempt } from "../data/enrollment-attempts";
import { env } from "../env";
import { beginAttempt, type BeginAttemptOutcome } from "./begin-attempt";

/**
 * Security review finding 6: for a health system that registers one client per participant,
 * every "Connect to …" press registered a new client at the EHR and stored a new attempt (with
 * its encrypted client secret): 200 presses gave 200 registrations and 200 rows. Against the
 * real sandbox over HTTP, counting the registrations it received.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(() => sandbox.close());

const registrations = async () => ((await (await fetch(`${sandbox.url}/_sandbox/stats`, { headers: { connection: "close" } })).json()) as { registrations: number }).registrations;
const consent = { version: "2026-11-v1", consentedAt: new Date() };

/** A per-participant health system of its own (its own attempts), registering at the sandbox. */
async function aPerParticipantHealthSystem() {
  const hs = await saveHealthSystem(operator("test"), {
    name: `Per-participant ${uniqueId()}`,
    config: {
      ...smartConfiguration(`${sandbox.s4sFhirBase}-${uniqueId()}`),
      authorizationEndpoint: `${sandbox.url}/oauth/authorize`,
      tokenEndpoint: `${sandbox.url}/oauth/token`,
      registrationEndpoint: `${sandbox.url}/oauth/register`,
    },
    scope: "launch/patient patient/*.read offline_access",
    strategy: "per-participant",
  });
  return hs.id;
}

/** A client address bucket of its own (the per-client window is kept in this process). */
const aClient = () => `test-${uniqueId()}`;
const press = (healthSystemId: string, client: string, openAttemptId?: string) => beginAttempt({ healthSystemId, client, openAttemptId, participantId: null, consent });
const attemptRows = async (healthSystemId: string) => (await db()).enrollmentAttempt.count({ where: { healthSystemId } });

describe("starting an attempt at a per-participant health system", () => {
  it("finding 6: 200 presses in one browser register one client and keep one attempt", async () => {
    const healthSystemId = await aPerParticipantHealthSystem();
    const client = aClient();
    const before = await registrations();
    let cookie: string | undefined;
    const outcomes: BeginAttemptOutcome[] = [];
    for (let i = 0; i < 200; i++) {
      const outcome = await beginAttempt({ healthSystemId, client, openAttemptId: cookie, participantId: null, consent });
      outcomes.push(outcome);
      if (outcome.ok) cookie = outcome.attemptId;
    }
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect((await registrations()) - before).toBe(1);
    expect(await attemptRows(healthSystemId)).toBe(1);
  });

  it("finding 6: 200 presses from one address without cookies register at most ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE clients; the rest are told busy", async () => {
    const healthSystemId = await aPerParticipantHealthSystem();
    const client = aClient();
    const before = await registrations();
    const outcomes: BeginAttemptOutcome[] = [];
    for (let i = 0; i < 200; i++) outcomes.push(await press(healthSystemId, client));
    const started = outcomes.filter((o) => o.ok).length;
    expect(started).toBe(env().ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE);
    expect(outcomes.filter((o) => !o.ok && o.reason === "busy")).toHaveLength(200 - started);
    expect((await registrations()) - before).toBe(started);
    expect(await attemptRows(healthSystemId)).toBe(started);
  });

  it("finding 6: 200 simultaneous presses from 200 addresses keep at most ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE attempts", async () => {
    const healthSystemId = await aPerParticipantHealthSystem();
    const before = await registrations();
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => press(healthSystemId, aClient())));
    const limit = env().ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE;
    const started = outcomes.filter((o) => o.ok).length;
    expect(started).toBe(limit); // no more, and no fewer: a burst is not refused as a whole
    expect(await attemptRows(healthSystemId)).toBe(started);
    expect((await registrations()) - before).toBe(started);
  });

  it("reuses the open attempt's client, for the same health system and participant only", async () => {
    const first = await aPerParticipantHealthSystem();
    const second = await aPerParticipantHealthSystem();
    const client = aClient();
    const a = await press(first, client);
    if (!a.ok) throw new Error(a.reason);
    const registered = (await getOpenAttempt(a.attemptId))!.client;
    expect(registered?.clientId).toBeTruthy();
    const later = { version: "2026-11-v1", consentedAt: new Date(Date.now() + 1000) };
    expect(await beginAttempt({ healthSystemId: first, client, openAttemptId: a.attemptId, participantId: null, consent: later })).toEqual({ ok: true, attemptId: a.attemptId, reused: true });
    expect(await getOpenAttempt(a.attemptId)).toMatchObject({ client: registered, consentedAt: later.consentedAt });
    // Another health system, or a signed-in participant, gets an attempt (and a client) of its own.
    const b = await press(second, client, a.attemptId);
    expect(b.ok && b.attemptId !== a.attemptId && !b.reused).toBe(true);
    const c = await beginAttempt({ healthSystemId: first, client, openAttemptId: a.attemptId, participantId: "someone", consent });
    expect(c.ok && c.attemptId !== a.attemptId).toBe(true);
    // One still registering its client (a double press) is not used: the second press starts anew.
    const registering = await (await db()).enrollmentAttempt.create({
      data: { id: `registering-${uniqueId()}`, healthSystemId: first, consentVersion: consent.version, consentedAt: consent.consentedAt, expiresAt: new Date(Date.now() + 60_000) },
    });
    const e = await press(first, client, registering.id);
    expect(e.ok && e.attemptId !== registering.id && (await getOpenAttempt(e.attemptId))?.client?.clientId).toBeTruthy();
    // A used attempt is never used again.
    await (await db()).enrollmentAttempt.update({ where: { id: a.attemptId }, data: { completedAt: new Date() } });
    const d = await press(first, client, a.attemptId);
    expect(d.ok && d.attemptId !== a.attemptId).toBe(true);
  });

  it("keeps no open attempt and no client when the registration fails, says the health system is not ready, and counts the failure for the funnel", async () => {
    const healthSystemId = await aPerParticipantHealthSystem();
    await (await db()).healthSystem.update({ where: { id: healthSystemId }, data: { registrationEndpoint: `${sandbox.url}/no-such-endpoint` } });
    expect(await press(healthSystemId, aClient())).toEqual({ ok: false, reason: "setup" });
    const rows = await (await db()).enrollmentAttempt.findMany({ where: { healthSystemId }, omit: { clientSecretEnc: false } });
    expect(rows.map((r) => [r.outcome, r.failureReason, r.clientId, r.clientSecretEnc])).toEqual([["failed", "setup", null, null]]);
    expect(await getOpenAttempt(rows[0]!.id)).toBeNull();
  });
});

describe("expired attempts", () => {
  it("lose their sealed client secrets once past their end (kept for the funnel), are deleted after the retention; open ones stay whole", async () => {
    const healthSystemId = await aPerParticipantHealthSystem();
    const open = await press(healthSystemId, aClient());
    const ended = await press(healthSystemId, aClient());
    const ancient = await press(healthSystemId, aClient());
    if (!open.ok || !ended.ok || !ancient.ok) throw new Error("no attempt");
    const client = await db();
    await client.enrollmentAttempt.update({ where: { id: ended.attemptId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await client.enrollmentAttempt.update({ where: { id: ancient.attemptId }, data: { expiresAt: new Date(Date.now() - (ATTEMPT_RETENTION_DAYS + 1) * 86_400_000) } });
    const cleaned = await cleanUpEndedAttempts();
    expect(cleaned.secretsDeleted).toBeGreaterThanOrEqual(1);
    expect(cleaned.attemptsDeleted).toBeGreaterThanOrEqual(1);
    const rows = await client.enrollmentAttempt.findMany({ where: { healthSystemId }, omit: { clientSecretEnc: false }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.id, r.clientSecretEnc !== null])).toEqual([
      [open.attemptId, true],
      [ended.attemptId, false],
    ]);
  });
});
