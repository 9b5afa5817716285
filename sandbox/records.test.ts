/** Records over HTTP: a full pull equals the sandbox's listing, touching and removing, and bad input to the records API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { S4S_TYPES, V2_TYPES } from "./fhir/types";
import { fullSync, sorted, type Resource } from "./test/full-sync";
import { bearer, debugTokens, postJson, registerS4s, registerV2, start } from "./test/helpers";

interface Listing {
  patient: string;
  profile: string;
  resources: Record<string, string[]>;
  removed: Record<string, string[]>;
}

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

describe("records over HTTP", () => {
  let sb: RunningSandbox;
  let clock = T0;
  const tokens: Record<string, { s4s: string; v2: string }> = {};
  const PATIENTS: [string, string][] = [["daniel-adams", "smart-1288992"], ["joseph-ross", "smart-1081332"], ["user-000002", "synthetic-000002"]];
  beforeAll(async () => {
    sb = await start({ syntheticPatients: 5, recordSize: 150, now: () => clock });
    const s4sClient = await registerS4s(sb);
    const v2Client = await registerV2(sb);
    for (const [user, patient] of PATIENTS) {
      tokens[patient] = { s4s: (await debugTokens(sb, s4sClient, user, patient)).access_token, v2: (await debugTokens(sb, v2Client, user, patient)).access_token };
    }
  });
  afterAll(() => sb.close());

  const listing = async (patient: string, profile: "s4s" | "smart-v2") => {
    const res = await fetch(`${sb.url}/_sandbox/records/${patient}?profile=${profile}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Listing;
  };
  const pull = (patient: string, profile: "s4s" | "smart-v2") =>
    fullSync(profile === "s4s" ? sb.s4sFhirBase : sb.v2FhirBase, tokens[patient]![profile === "s4s" ? "s4s" : "v2"], patient);
  const read = (patient: string, profile: "s4s" | "smart-v2", ref: string) =>
    fetch(`${profile === "s4s" ? sb.s4sFhirBase : sb.v2FhirBase}/${ref}`, bearer(tokens[patient]![profile === "s4s" ? "s4s" : "v2"]));
  const change = (body: unknown) => postJson(`${sb.url}/_sandbox/records/touch`, body);

  it("lists what a full pull over HTTP gets, type by type, in both profiles, with paging", async () => {
    for (const [, patient] of PATIENTS) {
      for (const profile of ["s4s", "smart-v2"] as const) {
        const listed = await listing(patient, profile);
        expect(listed).toMatchObject({ patient, profile, removed: {} });
        const pulled = await pull(patient, profile);
        expect(sorted(pulled.held)).toEqual(sorted(listed.resources));
        const types = Object.keys(listed.resources);
        expect(types.every((t) => (profile === "s4s" ? S4S_TYPES : V2_TYPES).includes(t))).toBe(true);
        expect(types).toEqual(expect.arrayContaining(profile === "s4s" ? ["MedicationOrder", "Practitioner"] : ["MedicationRequest", "CarePlan", "Organization", "Location"]));
        // Observation alone is more than one page of 50: the pull followed next links.
        expect((listed.resources.Observation ?? []).length).toBeGreaterThan(50);
        const held = new Set(pulled.resources.map((r) => `${r.resourceType}/${r.id}`));
        for (const r of pulled.resources) {
          for (const m of JSON.stringify(r).matchAll(/"reference":"([A-Za-z]+\/[^"]+)"/g)) expect([profile, r.id, held.has(m[1]!)]).toEqual([profile, r.id, true]);
        }
      }
    }
  });

  it("serves each note's text as the Binary its attachment names", async () => {
    const patient = "smart-1081332";
    const doc = (await (await read(patient, "smart-v2", `DocumentReference?patient=${patient}`)).json()) as { entry: { resource: { content: { attachment: { url: string; size: number } }[] } }[] };
    const attachment = doc.entry[0]!.resource.content[0]!.attachment;
    const binary = (await (await read(patient, "smart-v2", attachment.url)).json()) as { resourceType: string; contentType: string; data: string };
    expect(binary).toMatchObject({ resourceType: "Binary", contentType: "text/plain; charset=utf-8" });
    expect(Buffer.from(binary.data, "base64").length).toBe(attachment.size);
    const dstu2 = (await (await read(patient, "s4s", attachment.url)).json()) as { content: string };
    expect(dstu2.content).toBe(binary.data);
  });

  it("touches resources in both profiles: a new version, last updated now, a changed value, found by _lastUpdated", async () => {
    const patient = "synthetic-000002";
    const before = new Map<string, Resource>();
    const pulledBefore = await pull(patient, "smart-v2");
    for (const r of pulledBefore.resources) before.set(`${r.resourceType}/${r.id}`, r);
    clock = T0 + 600_000;
    const res = await change({ patient, count: 6 });
    expect(res.status).toBe(200);
    const { touched } = (await res.json()) as { touched: string[] };
    expect(touched).toHaveLength(6);
    for (const ref of touched) {
      const old = before.get(ref)!;
      const oldMeta = old.meta as { versionId: string };
      for (const profile of ["smart-v2", "s4s"] as const) {
        const now = (await (await read(patient, profile, ref)).json()) as Resource & { meta?: { versionId: string; lastUpdated: string }; text?: { div: string } };
        if (now.meta) expect(now.meta).toMatchObject({ versionId: String(Number(oldMeta.versionId) + 1), lastUpdated: new Date(clock).toISOString() });
        expect(now.text?.div).toContain("Amended in the sandbox (revision 1)");
      }
      const { meta: _m, text: _t, ...oldBody } = old;
      const fresh = (await (await read(patient, "smart-v2", ref)).json()) as Resource;
      const { meta: _n, text: _u, ...newBody } = fresh;
      if (old.resourceType === "Observation" && old.valueQuantity) expect(newBody).not.toEqual(oldBody);
    }
    const since = new Date(clock - 1).toISOString();
    for (const profile of ["smart-v2", "s4s"] as const) {
      const found: string[] = [];
      for (const type of new Set(touched.map((t) => t.split("/")[0]!))) {
        const categories = type === "Observation" && profile === "smart-v2" ? ["laboratory", "vital-signs", "social-history", "survey", "exam"] : [""];
        for (const category of categories) {
          const bundle = (await (await read(patient, profile, `${type}?patient=${patient}&_lastUpdated=gt${since}${category ? `&category=${category}` : ""}`)).json()) as { entry?: { resource: Resource }[] };
          found.push(...(bundle.entry ?? []).map((e) => `${e.resource.resourceType}/${e.resource.id}`));
        }
      }
      expect([profile, found.sort()]).toEqual([profile, [...touched].sort()]);
    }
    const again = (await (await change({ patient, count: 6 })).json()) as { touched: string[] };
    expect(again.touched.filter((t) => touched.includes(t))).toEqual([]);
  });

  it("chooses what to touch the same way in every sandbox, and names a profile's own types when given one", async () => {
    const other = await start({ syntheticPatients: 5, recordSize: 150 });
    try {
      const mine = (await (await change({ patient: "synthetic-000003", count: 5 })).json()) as { touched: string[] };
      const theirs = (await (await postJson(`${other.url}/_sandbox/records/touch`, { patient: "synthetic-000003", count: 5 })).json()) as { touched: string[] };
      expect(theirs.touched).toEqual(mine.touched);
    } finally {
      await other.close();
    }
    for (const profile of ["s4s", "smart-v2"] as const) {
      const { touched } = (await (await change({ patient: "smart-1288992", count: 40, profile })).json()) as { touched: string[] };
      expect(touched).toHaveLength(40);
      for (const ref of touched) expect([profile, ref, (await read("smart-1288992", profile, ref)).status]).toEqual([profile, ref, 200]);
    }
  });

  it("removes resources from searches, reads (410) and the listing, which names them as removed", async () => {
    const patient = "smart-1081332";
    const res = await change({ patient, remove: 3 });
    expect(res.status).toBe(200);
    const { removed } = (await res.json()) as { removed: string[] };
    expect(removed).toHaveLength(3);
    for (const profile of ["smart-v2", "s4s"] as const) {
      for (const ref of removed) {
        const gone = await read(patient, profile, ref);
        expect(gone.status).toBe(410);
        expect(await gone.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "deleted" }] });
      }
      const listed = await listing(patient, profile);
      const removedRefs = Object.entries(listed.removed).flatMap(([t, ids]) => ids.map((id) => `${t}/${id}`));
      expect(removedRefs.sort()).toEqual([...removed].sort());
      for (const ref of removed) expect(listed.resources[ref.split("/")[0]!] ?? []).not.toContain(ref.split("/")[1]);
      expect(sorted((await pull(patient, profile)).held)).toEqual(sorted(listed.resources));
    }
  });

  it("refuses bad requests to the records API with a plain message", async () => {
    const bad: [unknown, number][] = [
      [{}, 400], [{ patient: "smart-1288992" }, 400], [{ patient: "smart-1288992", count: 0 }, 400], [{ patient: "smart-1288992", count: -1 }, 400],
      [{ patient: "smart-1288992", count: 1.5 }, 400], [{ patient: "smart-1288992", count: "3" }, 400], [{ patient: "smart-1288992", count: 1, remove: 1 }, 400],
      [{ patient: "smart-1288992", count: 1, extra: true }, 400], [{ patient: "smart-1288992", count: 1, profile: "r4" }, 400], [{ patient: "", count: 1 }, 400],
      [{ patient: "smart-1288992", count: 100_001 }, 400], [[1, 2], 400], [{ patient: "smart-0000001", count: 1 }, 404], [{ patient: "synthetic-000006", remove: 1 }, 404],
    ];
    for (const [body, status] of bad) {
      const res = await change(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status]);
      const answer = (await res.json()) as { error: string; error_description: string };
      expect(answer.error_description.length).toBeGreaterThan(10);
    }
    const notJson = await fetch(`${sb.url}/_sandbox/records/touch`, { method: "POST", headers: { "content-type": "application/json" }, body: "{patient" });
    expect(notJson.status).toBe(400);
    const form = await fetch(`${sb.url}/_sandbox/records/touch`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "patient=x" });
    expect(form.status).toBe(400);
    for (const [path, status] of [["smart-1288992", 400], ["smart-1288992?profile=r4", 400], ["nobody?profile=s4s", 404], ["synthetic-000006?profile=smart-v2", 404]] as const) {
      const res = await fetch(`${sb.url}/_sandbox/records/${path}`);
      expect([path, res.status]).toEqual([path, status]);
      expect(((await res.json()) as { error_description: string }).error_description).toMatch(/profile must be|No patient/);
    }
  });
});
