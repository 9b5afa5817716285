import { createWriteStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { syntheticBundle } from "../../sandbox/brands/synthetic";
import { db } from "../db";
import { CLI_OPERATOR } from "../data/directory-actor";
import { searchDirectory } from "../data/directory-search";
import { startTestServer, type TestServer } from "../ehr-http/test-server";
import { aConnection } from "../data/test-factories";
import { activateHealthSystem } from "./activate";
import { importDirectory } from "./import";

/** The provider directory end to end on the database under test: import, re-import, search, activation, hostile bundles. */
process.env.DIRECTORY_MAX_BUNDLE_MB = "100";

let sandbox: RunningSandbox;
let dir: string;
let hostile: TestServer;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
async function generate(name: string, brands: number, sandboxUrl: string) {
  const path = join(dir, name);
  const out = createWriteStream(path);
  for (const piece of syntheticBundle({ brands, sandboxUrl })) if (!out.write(piece)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  return path;
}
const imported = async (fileOrUrl: string, vendor: string) => {
  const result = await importDirectory(CLI_OPERATOR, { fileOrUrl, vendor });
  if (!result.ok) throw new Error(result.message);
  return result.summary;
};
const names = async (q: string, limit = 5) => (await searchDirectory(q, { limit })).map((r) => r.name);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
  dir = mkdtempSync(join(tmpdir(), "directory-test-"));
  hostile = await startTestServer({
    "/redirect.png": (_req, res) => res.writeHead(302, { location: "http://10.0.0.1/logo.png" }).end(),
    "/page.png": (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end("<html><body>login</body></html>"),
  });
});
afterAll(async () => {
  await sandbox.close();
  await hostile.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the sandbox's brands bundle", () => {
  it("imports from its URL: two brands, two endpoints, logos stored by the portal", async () => {
    const summary = await imported(`${sandbox.url}/brands.json`, "sandbox");
    expect(summary).toMatchObject({ status: "finished", brands: { added: 2 }, endpoints: { added: 2 }, searchable: 2, skipped: 0, logos: { stored: 2, refused: 0 } });
  });

  it("finds them by name, alias, misspelling, word order, city and ZIP code", async () => {
    expect(await names("S4S Sandbox Hospital")).toEqual(["S4S Sandbox Hospital"]);
    expect((await names("sync for science"))[0]).toBe("S4S Sandbox Hospital");
    expect((await names("clinic sandbox smart"))[0]).toBe("SMART v2 Sandbox Clinic");
    expect((await names("snadbox clinc"))[0]).toBe("SMART v2 Sandbox Clinic");
    expect((await names("BOSTON"))[0]).toBe("S4S Sandbox Hospital");
    expect((await names("53703"))[0]).toBe("SMART v2 Sandbox Clinic");
    const [card] = await searchDirectory("S4S Sandbox Hospital");
    expect(card).toMatchObject({ city: "Boston", state: "MA", portalName: "S4S Sandbox Portal", choices: [{ label: "S4S Sandbox Portal" }] });
    expect(card!.logoId).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("activates an endpoint on first use (discovery and registration), and keeps it", async () => {
    const [card] = await searchDirectory("smart v2 sandbox clinic");
    const endpointId = card!.choices[0]!.endpointId;
    const first = await activateHealthSystem(endpointId);
    expect(first.ok).toBe(true);
    const again = await activateHealthSystem(endpointId);
    expect(again).toEqual(first);
    const hs = await (await db()).healthSystem.findUnique({ where: { id: (first as { healthSystemId: string }).healthSystemId } });
    expect(hs).toMatchObject({ name: "SMART v2 Sandbox Clinic", fhirBaseUrl: sandbox.v2FhirBase, scope: "launch/patient patient/*.rs offline_access" });
    expect(hs?.clientId).toBeTruthy();
  });

  it("records for staff, and answers plainly, when an endpoint does not answer", async () => {
    const path = file("dead.json", JSON.stringify({ resourceType: "Bundle", type: "collection", entry: [
      { resource: { resourceType: "Organization", id: "dead", name: "Unreachable Clinic", endpoint: [{ reference: "Endpoint/dead" }] } },
      { resource: { resourceType: "Endpoint", id: "dead", status: "active", address: "http://127.0.0.1:9/fhir" } },
    ] }));
    await imported(path, "dead");
    const [card] = await searchDirectory("unreachable clinic");
    expect(await activateHealthSystem(card!.choices[0]!.endpointId)).toEqual({ ok: false, reason: "unavailable" });
    const row = await (await db()).directoryEndpoint.findUnique({ where: { id: card!.choices[0]!.endpointId } });
    expect(row?.activationError).toMatch(/^Discovery failed/);
    expect(row?.activationFailures).toBe(1);
  });
});

describe("re-importing a vendor's bundle", () => {
  it("updates what changed, adds what is new, marks what vanished inactive, and keeps connections", async () => {
    const path = await generate("edits.json", 300, sandbox.url);
    const first = await imported(path, "edits");
    expect(first).toMatchObject({ status: "finished", brands: { added: 300 }, skipped: 0 });
    const [sgh] = await searchDirectory("Sandbox General Hospital");
    const activated = await activateHealthSystem(sgh!.choices[0]!.endpointId);
    if (!activated.ok) throw new Error("activation failed");
    const connection = await aConnection(activated.healthSystemId);

    const bundle = JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(path, "utf8")));
    const entries = bundle.entry as { resource: { resourceType: string; id: string; name?: string } }[];
    const renamed = entries.find((e) => e.resource.id === "org-20")!;
    renamed.resource.name = "Zephyrine Memorial Hospital";
    const keep = entries.filter((e) => e.resource.id !== "org-21" && e.resource.id !== "sandbox-s4s");
    keep.push({ resource: { resourceType: "Organization", id: "org-new", name: "Quillfeather Clinic", endpoint: [{ reference: "Endpoint/sandbox-v2" }] } as never });
    const second = await imported(file("edits2.json", JSON.stringify({ ...bundle, entry: keep })), "edits");
    expect(second.brands).toMatchObject({ added: 1, updated: 1, inactivated: 1, unchanged: 298 });
    expect(second.endpoints.inactivated).toBe(1);
    expect(await names("zephyrine")).toEqual(["Zephyrine Memorial Hospital"]);
    expect(await names("quillfeather")).toEqual(["Quillfeather Clinic"]);
    expect(await names("Sandbox General Hospital", 20)).not.toContain("Sandbox General Hospital");
    // The endpoint is inactive; the health system made from it, and the connection, are not touched.
    expect(await (await db()).connection.findUnique({ where: { id: connection.id } })).toMatchObject({ status: "connected" });
    expect(await (await db()).healthSystem.findUnique({ where: { id: activated.healthSystemId } })).not.toBeNull();

    const third = await imported(file("edits3.json", JSON.stringify({ ...bundle, entry: keep })), "edits");
    expect(third.brands).toMatchObject({ added: 0, updated: 0, inactivated: 0, unchanged: 300 });
  });
});

describe("a generated bundle of 50,000 brands", () => {
  it("imports, and is searched by name, alias, misspelling, city and ZIP", async () => {
    const path = await generate("50k.json", 50_000, sandbox.url);
    const summary = await imported(path, "big");
    expect(summary).toMatchObject({ status: "finished", brands: { added: 50_000 }, skipped: 0, searchable: 50_000 });
    expect(summary.endpoints.added).toBeGreaterThan(25_000);
    expect((await names("sandbox general hospital"))[0]).toBe("Sandbox General Hospital");
    expect((await names("SGH"))[0]).toBe("Sandbox General Hospital");
    expect((await names("sandbox genral hospitl"))[0]).toBe("Sandbox General Hospital");
    const twin = (await searchDirectory("twin portals sandbox"))[0]!;
    expect(twin.choices.map((c) => c.label).sort()).toEqual(["Adult patients", "Children's patients"]);
    const inRochester = await searchDirectory("55905", { limit: 10 });
    expect(inRochester.length).toBeGreaterThan(0);
    // Located there (at its first address or another one, and the card names that one).
    expect(inRochester.slice(0, 3).map((r) => `${r.city}, ${r.state}`)).toEqual(["Rochester, MN", "Rochester, MN", "Rochester, MN"]);
    const inTulsa = await searchDirectory("tulsa", { limit: 10 });
    expect(inTulsa.slice(0, 5).every((r) => r.city === "Tulsa")).toBe(true);
  }, 900_000);
});

describe("hostile bundles", () => {
  const bundleOf = (entries: unknown[]) => JSON.stringify({ resourceType: "Bundle", type: "collection", entry: entries });
  it.each([
    ["not JSON", "<html>Service unavailable</html>", /not JSON/],
    ["not a Bundle", JSON.stringify({ resourceType: "Patient", id: "x" }), /FHIR Patient, not a Bundle/],
    ["truncated", bundleOf([{ resource: { resourceType: "Organization", id: "a", name: "A" } }]).slice(0, 60), /cut short/],
    ["a list", "[]", /JSON list/],
    ["empty of usable entries", bundleOf([{ resource: { resourceType: "Patient", id: "p" } }]), /no usable brand or endpoint/],
  ])("fails plainly on a bundle that is %s, marking nothing inactive", async (_what, text, message) => {
    const result = await importDirectory(CLI_OPERATOR, { fileOrUrl: file("bad.json", text), vendor: "sandbox" });
    expect(result.ok && result.summary.status).toBe("failed");
    if (result.ok) expect(result.summary.message).toMatch(message);
    expect((await names("S4S Sandbox Hospital"))[0]).toBe("S4S Sandbox Hospital");
  });

  it("refuses a bundle larger than DIRECTORY_MAX_BUNDLE_MB before reading it", async () => {
    const path = file("huge.json", "");
    truncateSync(path, 500 * 1024 * 1024); // 500 MB (sparse: nothing is written)
    const result = await importDirectory(CLI_OPERATOR, { fileOrUrl: path, vendor: "huge" });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/is 500 MB; the largest the portal reads is 100 MB/) });
  });

  it("counts duplicates, refused addresses and hostile logos, and imports the rest", async () => {
    const org = (id: string, logo?: string) => ({ resource: { resourceType: "Organization", id, name: `Hostile Test ${id}`, endpoint: [{ reference: "Endpoint/ok" }], ...(logo && { extension: [{ url: "http://hl7.org/fhir/StructureDefinition/organization-brand", extension: [{ url: "brandLogo", valueUrl: logo }] }] }) } });
    const ep = (id: string, address: string) => ({ resource: { resourceType: "Endpoint", id, status: "active", address } });
    const svg = (body: string) => `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`).toString("base64")}`;
    const summary = await imported(file("hostile.json", bundleOf([
      ep("ok", sandbox.s4sFhirBase), ep("ok", sandbox.s4sFhirBase),
      ep("private", "https://10.0.0.5/fhir"), ep("meta", "https://169.254.169.254/latest"), ep("plain", "http://ehr.example.org/fhir"),
      org("a"), org("a"), org("script", svg("<script>alert(1)</script>")), org("huge", `data:image/png;base64,${"A".repeat(500_000)}`),
      org("html", `${hostile.url}/page.png`), org("redirect", `${hostile.url}/redirect.png`), org("notimage", "data:text/plain,hello"),
      { nothing: true }, 42,
    ])), "hostile");
    expect(summary.status).toBe("finished");
    expect(summary.skippedReasons).toMatchObject({
      "duplicate entry (same id twice)": 2,
      "endpoint address points at a private or reserved address": 1,
      "endpoint address points at a cloud metadata service": 1,
      "endpoint address is not https": 1,
      "entry has no resource": 1,
      "entry is not a JSON object": 1,
    });
    expect(summary.logos.reasons).toMatchObject({
      "SVG logo contains a script": 1,
      "logo is larger than 256 KB": 1,
      "logo is a web page, not an image": 1,
      "logo address redirects": 1,
      "logo is not an image": 1,
    });
    expect(summary.searchable).toBe(6);
  });

  it("answers any search input quickly and safely", async () => {
    for (const q of ["", " ", "x".repeat(100_000), "%_'\"; DROP TABLE \"DirectoryBrand\"; --", "🏥🏥🏥", "北京协和医院", "a b c d e f g h i j k l", "\u0000\u202e"]) {
      await expect(searchDirectory(q)).resolves.toBeInstanceOf(Array);
    }
  });
});
