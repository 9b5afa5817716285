import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { db } from "../db";
import { operator } from "../data/callers";
import { getHealthSystemClient, getHealthSystemConfig } from "../data/health-systems";
import type { StaffSession } from "../staff/roles";
import { addHealthSystem } from "./add";

/**
 * Adding a health system again (ehr:add, the dashboard's form) used to take whatever fresh
 * discovery said, and register a new shared client: every connection's tokens and the client
 * secret were silently sent elsewhere, or left with a client the portal no longer used. Against
 * the real sandbox; "discovery now says something else" is made by storing other endpoints first.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(() => sandbox.close());

const admin: StaffSession = { id: "staff-admin", email: "admin-readd@example.org", role: "admin" };
const registrations = async () => ((await (await fetch(`${sandbox.url}/_sandbox/stats`, { headers: { connection: "close" } })).json()) as { registrations: number }).registrations;

/** The sandbox's v2 profile, added, then its stored token endpoint and issuer made to differ from discovery. */
async function addedThenMoved() {
  const added = await addHealthSystem(operator("test"), { fhirBaseUrl: sandbox.v2FhirBase, name: "Readd test", confirmChange: true }); // as discovery says (earlier tests moved it)
  if (!added.ok) throw new Error(added.message);
  const id = added.healthSystem.id;
  await (await db()).healthSystem.update({ where: { id }, data: { tokenEndpoint: "https://old-ehr.example.org/token", issuer: "https://old-ehr.example.org" } });
  return { id, client: await getHealthSystemClient(id) };
}

const auditOf = async (action: string) =>
  (await db()).auditEvent.findMany({ where: { action, actorEmail: admin.email }, orderBy: { at: "asc" }, select: { detail: true } });

describe("adding a health system again", () => {
  it("keeps its client when nothing changed: no new registration, the connections' client stays", async () => {
    const first = await addHealthSystem(operator("test"), { fhirBaseUrl: sandbox.s4sFhirBase, name: "Readd same" });
    if (!first.ok) throw new Error(first.message);
    const before = await getHealthSystemClient(first.healthSystem.id);
    const registered = await registrations();
    const again = await addHealthSystem(admin, { fhirBaseUrl: sandbox.s4sFhirBase });
    expect(again).toMatchObject({ ok: true, registered: false, changes: [] });
    expect(await getHealthSystemClient(first.healthSystem.id)).toEqual(before);
    expect(await registrations()).toBe(registered);
  });

  it("changes nothing when discovery's endpoints or issuer differ, and shows what would change", async () => {
    const { id, client } = await addedThenMoved();
    const registered = await registrations();
    const result = await addHealthSystem(admin, { fhirBaseUrl: sandbox.v2FhirBase });
    expect(result.ok).toBe(false);
    if (result.ok || !("confirm" in result)) throw new Error("expected a confirmation request");
    expect(result.confirm.changes).toEqual([
      "Issuer: https://old-ehr.example.org → (none)", // the sandbox names no issuer
      `Token endpoint: https://old-ehr.example.org/token → ${sandbox.url}/v2/oauth/token`,
      `Shared client: ${client!.clientId} → (a new registration)`,
    ]);
    expect((await getHealthSystemConfig(id))?.config.tokenEndpoint).toBe("https://old-ehr.example.org/token");
    expect(await getHealthSystemClient(id)).toEqual(client);
    expect(await registrations()).toBe(registered);
    // A confirmation of other changes (a stale fingerprint) changes nothing either.
    const stale = await addHealthSystem(admin, { fhirBaseUrl: sandbox.v2FhirBase, confirmChange: "AAAAAAAAAAAAAAAAAAAAAA" });
    expect(stale.ok === false && "confirm" in stale).toBe(true);
    expect((await getHealthSystemConfig(id))?.config.tokenEndpoint).toBe("https://old-ehr.example.org/token");
  });

  it("applies exactly the confirmed changes, registers again, and audits each change", async () => {
    const { id, client } = await addedThenMoved();
    const asked = await addHealthSystem(admin, { fhirBaseUrl: sandbox.v2FhirBase });
    if (asked.ok || !("confirm" in asked)) throw new Error("expected a confirmation request");
    const done = await addHealthSystem(admin, { fhirBaseUrl: sandbox.v2FhirBase, confirmChange: asked.confirm.fingerprint });
    expect(done).toMatchObject({ ok: true, registered: true });
    expect((await getHealthSystemConfig(id))?.config.tokenEndpoint).toBe(`${sandbox.url}/v2/oauth/token`);
    expect((await getHealthSystemClient(id))?.clientId).not.toBe(client!.clientId);
    const [event] = (await auditOf("health_system.change")).slice(-1);
    expect(event?.detail).toContain(`${sandbox.v2FhirBase}: Issuer: https://old-ehr.example.org → (none); Token endpoint: https://old-ehr.example.org/token → ${sandbox.url}/v2/oauth/token; Shared client: ${client!.clientId} → `);
  });

  it("asks before switching the registration strategy, which would drop the shared client", async () => {
    const first = await addHealthSystem(operator("test"), { fhirBaseUrl: sandbox.s4sFhirBase, name: "Readd same" });
    if (!first.ok) throw new Error(first.message);
    const switched = await addHealthSystem(admin, { fhirBaseUrl: sandbox.s4sFhirBase, strategy: "per-participant" });
    expect(switched.ok === false && "confirm" in switched && switched.confirm.changes[0]).toBe("Registration: shared → per-participant");
    expect((await getHealthSystemClient(first.healthSystem.id))?.clientId).toBeTruthy();
  });
});

describe("npm run ehr:add for a health system whose endpoints changed", () => {
  /** Not spawnSync: the sandbox runs in this process and must keep answering. */
  const ehrAdd = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/ehr-add.ts", ...args], { env: process.env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.once("exit", (status) => resolve({ status, stdout, stderr }));
    });

  it("lists the changes and changes nothing, then applies them with --confirm-change", async () => {
    const { id } = await addedThenMoved();
    const refused = await ehrAdd(sandbox.v2FhirBase);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Token endpoint: https://old-ehr.example.org/token → ${sandbox.url}/v2/oauth/token`);
    expect(refused.stderr).toContain("run the same command again with --confirm-change");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect((await getHealthSystemConfig(id))?.config.tokenEndpoint).toBe("https://old-ehr.example.org/token");
    const confirmed = await ehrAdd(sandbox.v2FhirBase, "--confirm-change");
    expect(confirmed.stderr).toBe("");
    expect(confirmed.status).toBe(0);
    expect(confirmed.stdout).toContain("Changed (confirmed, and written to the audit log):");
    expect((await getHealthSystemConfig(id))?.config.tokenEndpoint).toBe(`${sandbox.url}/v2/oauth/token`);
    const events = await (await db()).auditEvent.findMany({ where: { action: "health_system.change", actorEmail: "operator:ehr:add" }, select: { detail: true } });
    expect(events.some((e) => e.detail?.includes("https://old-ehr.example.org/token"))).toBe(true);
  });
});
