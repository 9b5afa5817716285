import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { getHealthSystemClient, getHealthSystemConfig } from "../data/health-systems";
import { operator } from "../data/callers";
import { addHealthSystem } from "./add";
import { verifyRegistrations } from "./verify";

const tester = operator("test");

/** ehr:add and the start-up registration check, against the real sandbox over HTTP. */
describe("adding a health system", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, quiet: true });
  });
  afterAll(() => sandbox.close());

  it("discovers the S4S profile from its Conformance (no .well-known) and registers (RFC 7591)", async () => {
    const result = await addHealthSystem(tester, { fhirBaseUrl: sandbox.s4sFhirBase, name: "S4S test" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.registered).toBe(true);
    const stored = await getHealthSystemConfig(result.healthSystem.id);
    expect(stored?.config.tokenEndpoint).toBe(`${sandbox.url}/oauth/token`);
    expect(stored?.scope).toBe("launch/patient patient/*.read offline_access");
    expect((await getHealthSystemClient(result.healthSystem.id))?.clientSecret).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("discovers the SMART v2 profile from .well-known and asks for v2 scopes", async () => {
    const result = await addHealthSystem(tester, { fhirBaseUrl: `${sandbox.v2FhirBase}/`, name: "v2 test" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.healthSystem.fhirBaseUrl).toBe(sandbox.v2FhirBase);
    expect((await getHealthSystemConfig(result.healthSystem.id))?.scope).toBe("launch/patient patient/*.rs offline_access");
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data", "Discovery failed"],
    ["http://10.0.0.5/fhir", "Discovery failed"],
    ["http://metadata.google.internal/fhir", "Discovery failed"],
    ["not a url", "not a web address"],
    ["ftp://example.org/fhir", "Discovery failed"],
  ])("refuses %s with a plain message and stores nothing", async (fhirBaseUrl, message) => {
    const result = await addHealthSystem(tester, { fhirBaseUrl });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it("registers again, and says so, when the EHR no longer knows the client", async () => {
    const added = await addHealthSystem(tester, { fhirBaseUrl: sandbox.s4sFhirBase });
    if (!added.ok) throw new Error(added.message);
    const before = await getHealthSystemClient(added.healthSystem.id);
    const port = sandbox.port;
    await sandbox.close();
    sandbox = await startSandbox({ port, quiet: true }); // fresh state: it forgot every client
    const warn = vi.spyOn(process.stderr, "write");
    process.env.LOG_LEVEL = "info";
    await verifyRegistrations();
    process.env.LOG_LEVEL = "silent";
    const after = await getHealthSystemClient(added.healthSystem.id);
    expect(after?.clientId).toBeTruthy();
    expect(after?.clientId).not.toBe(before?.clientId);
    expect(warn.mock.calls.map(([line]) => String(line)).join("")).toContain("health_system.reregistered");
    warn.mockRestore();
  });

  it("leaves a known registration alone", async () => {
    const added = await addHealthSystem(tester, { fhirBaseUrl: sandbox.s4sFhirBase });
    if (!added.ok) throw new Error(added.message);
    const before = await getHealthSystemClient(added.healthSystem.id);
    await verifyRegistrations();
    expect((await getHealthSystemClient(added.healthSystem.id))?.clientId).toBe(before?.clientId);
  });
});
