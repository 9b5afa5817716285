import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { TestBulkClient } from "../test/bulk-client";
import { enroll } from "./support/enroll";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { E2E } from "./support/servers";
import { signInAsStaff } from "./support/staff";
import { spawnSync } from "node:child_process";

/**
 * The research side over real HTTP against `npm run start`: a research tool added with
 * npm run research:client exports the study's data with FHIR Bulk Data (signing its own
 * assertions), session cookies never open the API and its token never opens a staff page, and an
 * admin adds a webhook whose receiver gets a signed event when a participant connects.
 */
const FHIR = `${E2E.portalUrl}/api/fhir`;
const noAxeViolations = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const databaseFile = () => E2E.databaseUrl.replace(/^file:/, "");

function addResearchClient(name: string, client: TestBulkClient): string {
  const file = `${E2E.dataDir}/research-tool-jwks.json`;
  writeFileSync(file, JSON.stringify(client.jwks()));
  const result = spawnSync("npm", ["run", "--silent", "research:client", "--", "--name", name, "--jwks-file", file], { env: { ...process.env, ...E2E.portalEnv } as NodeJS.ProcessEnv, encoding: "utf8" });
  const id = /client_id: (\S+)/.exec(result.stdout)?.[1];
  if (result.status !== 0 || !id) throw new Error(`research:client failed: ${result.stderr || result.stdout}`);
  return id;
}

/** Stores resources for the newest connection of a patient, as the sync would (the resource store). */
function storeResources(patientId: string, resources: { resourceType: string; id: string }[]): { participantId: string } {
  const db = new Database(databaseFile());
  try {
    const connection = db.prepare('SELECT id, participantId FROM "Connection" WHERE patientId = ? ORDER BY connectedAt DESC LIMIT 1').get(patientId) as { id: string; participantId: string };
    const at = new Date().toISOString().replace("Z", "+00:00");
    const insert = db.prepare('INSERT OR REPLACE INTO "FhirResource" (id, connectionId, resourceType, fhirId, contentHash, resourceJson, firstSeenAt, lastSeenAt, changedAt) VALUES (?,?,?,?,?,?,?,?,?)');
    for (const r of resources) insert.run(`e2e-${connection.id}-${r.id}`, connection.id, r.resourceType, r.id, "hash", JSON.stringify(r), at, at, at);
    return { participantId: connection.participantId };
  } finally {
    db.close();
  }
}

test("a research tool exports the study's data over HTTP; cookies never open the API, its token never opens a staff page", async ({ page }) => {
  const tool = await TestBulkClient.create((url, init) => fetch(url, init), FHIR, "RS384");
  tool.clientId = addResearchClient("E2E analytics", tool);
  await enroll(page, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "joseph-ross" });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
  const patientId = (new Database(databaseFile(), { readonly: true }).prepare('SELECT patientId FROM "Connection" ORDER BY connectedAt DESC LIMIT 1').get() as { patientId: string }).patientId;
  const { participantId } = storeResources(patientId, [
    { resourceType: "Observation", id: "e2e-obs-1", status: "final" } as never,
    { resourceType: "Condition", id: "e2e-cond-1" } as never,
  ]);

  const metadata = await (await fetch(`${FHIR}/metadata`)).json();
  expect(metadata.rest[0].resource[0].operation[0].name).toBe("export");
  const token = await tool.token("system/*.rs");
  const kick = await tool.kickOff(token, "?_type=Observation,Condition");
  expect(kick.status).toBe(202);
  const statusUrl = kick.headers.get("content-location")!;
  const done = await tool.waitFor(statusUrl, token, { timeoutMs: 30_000 });
  expect(done.status).toBe(200);
  const manifest = await done.json();
  const lines = (await Promise.all(manifest.output.map((o: { url: string }) => tool.download(o.url, token)))).flat() as { id: string; meta: { tag: { code: string }[] } }[];
  const mine = lines.find((l) => l.id === "e2e-obs-1")!;
  expect(mine.meta.tag[0]!.code).toBe(participantId);
  expect(lines.map((l) => l.id)).toContain("e2e-cond-1");

  // The research token opens no participant or staff page.
  const bearer = { authorization: `Bearer ${token}` };
  // An export is a staff POST from the dashboard's own form: a bearer token is not a staff session.
  const exported = await fetch(`${E2E.portalUrl}/dashboard/export/participants.csv`, { method: "POST", headers: { ...bearer, origin: E2E.portalUrl, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" }, body: "q=" });
  expect(exported.status).toBe(401);
  expect((await fetch(`${E2E.portalUrl}/dashboard/export/participants.csv`, { headers: bearer })).status).toBe(405);
  const me = await (await fetch(`${E2E.portalUrl}/me`, { headers: bearer })).text();
  expect(me).toContain("Sign in to My study");
  expect(me).not.toContain("Joseph");
  // A staff session cookie opens nothing in the API.
  await signInAsStaff(page, "admin");
  const withCookie = await page.request.get(`${FHIR}/Group/study/$export`, { headers: { prefer: "respond-async", accept: "application/fhir+json" } });
  expect(withCookie.status()).toBe(401);
  expect((await withCookie.json()).issue[0].diagnostics).toContain("does not accept sign-in cookies");

  expect((await fetch(statusUrl, { method: "DELETE", headers: bearer })).status).toBe(202);
  expect((await tool.get(statusUrl, token)).status).toBe(404);
});

test("an admin adds a webhook; its receiver gets a signed event when a participant connects; the pages are accessible at both sizes", async ({ page, browser }) => {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const receiver: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/portal-events`;
  addResearchClient("E2E warehouse", await TestBulkClient.create((url, init) => fetch(url, init), FHIR, "ES384"));
  try {
    await signInAsStaff(page, "admin");
    await page.getByRole("link", { name: "Research data" }).click();
    await expect(page.getByRole("heading", { name: "Research clients and exports", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Research clients" }).getByRole("cell", { name: "E2E warehouse" })).toBeVisible();
    await noAxeViolations(page);

    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await page.getByLabel("Address that receives the events").fill("https://10.0.0.7/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByText(/That address cannot be used: .*private address/)).toBeVisible();
    await page.getByLabel("Address that receives the events").fill(hookUrl);
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secretBox = page.getByLabel(/Signing secret for/);
    await expect(secretBox).toBeVisible();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await noAxeViolations(page);

    const participant = await browser.newPage();
    await enroll(participant, { healthSystem: HEALTH_SYSTEMS.v2.name, username: "joseph-ross" });
    await expect(participant.getByRole("heading", { level: 1 })).toContainText("Your record is connected");
    await participant.close();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const event = received.find((r) => r.headers["portal-event-type"] === "connection.created")!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(event.headers["portal-signature"]))!;
    expect(createHmac("sha256", secret).update(`${t}.${event.body}`).digest("hex")).toBe(v1);
    expect(JSON.parse(event.body)).toMatchObject({ type: "connection.created", data: { returning: true } });

    await page.reload();
    await expect(page.getByRole("region", { name: "Webhook deliveries" }).getByText("Delivered").first()).toBeVisible();
    for (const size of [{ width: 1280, height: 900 }, { width: 412, height: 915 }]) {
      await page.setViewportSize(size);
      await noAxeViolations(page);
    }
    // The page never shows the secret again.
    expect(await page.content()).not.toContain(secret);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
