/** The optional state file: registrations and grants survive a restart; writes are atomic; bad files are not fatal. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { REDIRECT_URI, basic, bearer, getCode, postForm, postJson, registerS4s, s4sAuthorizeUrl, s4sTokens, start } from "./test/helpers";

const dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("state file", () => {
  it("keeps registrations and grants across a restart", async () => {
    const stateFile = join(dir, "nested", "sandbox.json");
    const first = await start({ stateFile });
    const client = await registerS4s(first);
    const tokens = await s4sTokens(first, client);
    await first.close();
    expect(readdirSync(join(dir, "nested"))).toEqual(["sandbox.json"]);
    const saved = JSON.parse(readFileSync(stateFile, "utf8")) as { version: number; clients: unknown[]; grants: unknown[] };
    expect(saved.version).toBe(1);
    expect(saved.clients).toHaveLength(1);

    const second = await start({ stateFile });
    try {
      expect((await fetch(`${second.s4sFhirBase}/Patient/smart-1288992`, bearer(tokens.access_token))).status).toBe(200);
      const refreshed = await postForm(`${second.url}/oauth/token`, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, basic(client.client_id, client.client_secret ?? ""));
      expect(refreshed.status).toBe(200);
      const code = await getCode(second, s4sAuthorizeUrl(second, client.client_id));
      const exchanged = await postForm(`${second.url}/oauth/token`, { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }, basic(client.client_id, client.client_secret ?? ""));
      expect(exchanged.status).toBe(200);
    } finally {
      await second.close();
    }
    const third = await start({ stateFile });
    try {
      // The rotation done by the second run was saved too: the first refresh token is dead.
      const old = await postForm(`${third.url}/oauth/token`, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, basic(client.client_id, client.client_secret ?? ""));
      expect(old.status).toBe(400);
    } finally {
      await third.close();
    }
  });

  it("saves soon after a change, without waiting for close", async () => {
    const stateFile = join(dir, "debounced.json");
    const sb = await start({ stateFile });
    try {
      await registerS4s(sb);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((JSON.parse(readFileSync(stateFile, "utf8")) as { clients: unknown[] }).clients).toHaveLength(1);
    } finally {
      await sb.close();
    }
  });

  it("starts empty, with a warning, from a file that is not a state file", async () => {
    const stateFile = join(dir, "corrupt.json");
    writeFileSync(stateFile, "{ not json");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const sb = await start({ stateFile });
    try {
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("not valid JSON"));
      expect((await postJson(`${sb.url}/oauth/debug/token`, { client_id: "x", username: "daniel-adams", patient_id: "smart-1288992" })).status).toBe(400);
    } finally {
      warn.mockRestore();
      await sb.close();
    }
  });

  it("closes promptly even with a hanging request open", async () => {
    const sb = await start();
    await postJson(`${sb.url}/_sandbox/faults`, { target: "fhir", mode: "hang" });
    const hanging = fetch(`${sb.s4sFhirBase}/metadata`).then(() => "answered", () => "dropped");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sb.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toBe("dropped");
  });
});
