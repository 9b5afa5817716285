/**
 * One patient's record in one FHIR version: each entry with its changes applied, what searches match on,
 * and what it references, worked out from the entries; each resource's JSON is written on first use.
 */
import type { Demographics } from "../fixtures/facts";
import { CATEGORY_SYSTEM, USERS_SYSTEM, narrative, type DataCategory, type FhirVersion } from "../fhir/resource";
import { amend, type Change } from "./changes";
import { entryId, type Entry } from "./entry";
import { dataCategoryOf, typeOf } from "./kinds";
import { renderPatient } from "./patient";
import { sharedRefsOf } from "./references";
import { renderEntry, type RenderContext } from "./render";
import { searchCategories } from "./render/categories";
import { renderBinary } from "./render/visits";
import { add, emptyRecord, Served, type ServedRecord } from "./served";
import { SHARED_IN_DSTU2, type SharedType } from "./shared";

export interface BuildInput {
  demographics: Demographics;
  entries: readonly Entry[];
  changes: ReadonlyMap<string, Change> | undefined;
  version: FhirVersion;
  /** A shared resource as served in this version (undefined when unknown). */
  shared(type: SharedType, id: string): Served | undefined;
}

export function servePatient(d: Demographics, version: FhirVersion): Served {
  return Served.written("Patient", d.id, d.versionId, Date.parse(d.lastUpdated), "patient", JSON.stringify(renderPatient(d, version)));
}

export function buildRecord(input: BuildInput): ServedRecord {
  const { demographics: d, version } = input;
  const record = emptyRecord(d.id);
  add(record, servePatient(d, version));
  const present = new Set(input.entries.map(entryId));
  const served = (type: SharedType, id: string | undefined) =>
    id === undefined || (version === "dstu2" && !SHARED_IN_DSTU2.includes(type)) ? undefined : input.shared(type, id);
  const ctx: RenderContext = {
    version,
    subject: { reference: `Patient/${d.id}` },
    entry(kind, key) {
      const type = key === undefined ? null : typeOf(kind, version);
      return type && present.has(`${kind}:${key}`) ? { reference: `${type}/${d.id}-${key}` } : undefined;
    },
    shared: (type, id) => (served(type, id) ? { reference: `${type}/${id}` } : undefined),
  };
  const referenced = new Map<string, Served>();
  for (const original of input.entries) {
    const type = typeOf(original.kind, version);
    if (!type) continue;
    const id = `${d.id}-${original.key}`;
    const change = input.changes?.get(entryId(original));
    if (change?.removed) {
      record.removed.add(`${type}/${id}`);
      continue;
    }
    const e = change ? amend(original, change) : original;
    for (const [refType, refId] of sharedRefsOf(e)) {
      const s = served(refType, refId);
      if (s) referenced.set(`${refType}/${refId}`, s);
    }
    const category = dataCategoryOf(e);
    const updatedMs = Date.parse(e.updated);
    const withoutMeta = version === "dstu2" && e.kind === "encounter" && e.dstu2WithoutMeta === true;
    const meta = () => (withoutMeta ? {} : { meta: { versionId: String(e.version), lastUpdated: e.updated, security: security(d.id, category) } });
    // The note of a change goes last: it replaces any narrative the resource had (a care plan's).
    const text = e.note ? { text: narrative(e.note) } : {};
    const write = () => JSON.stringify({ resourceType: type, id, ...meta(), ...renderEntry(e, ctx, id), ...text });
    add(record, new Served(type, id, String(e.version), updatedMs, category, searchCategories(e, version), write));
    if (e.kind === "document") {
      const binary = () => JSON.stringify({ resourceType: "Binary", id, ...meta(), ...renderBinary(e, ctx) });
      add(record, new Served("Binary", id, String(e.version), updatedMs, category, [], binary), false);
    }
  }
  for (const s of referenced.values()) add(record, s);
  return record;
}

function security(patientId: string, category: DataCategory) {
  return [
    { system: CATEGORY_SYSTEM, code: category },
    { system: USERS_SYSTEM, code: `Patient/${patientId}` },
  ];
}
