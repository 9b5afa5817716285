/**
 * Every patient's record, built on first use and kept in a bounded cache (least recently used first out):
 * the sandbox stands in for an EHR with thousands of patients, so nothing is generated before it is asked for.
 * Touches and removals (`changes`) outlive the cache.
 */
import type { Directory } from "../fixtures/directory";
import type { FhirVersion } from "../fhir/resource";
import { buildRecord, servePatient } from "./build";
import { Changes } from "./changes";
import type { Entry } from "./entry";
import { recordEntries } from "./generate";
import { Served, type ServedRecord } from "./served";
import { renderShared, SHARED_LAST_UPDATED, type SharedType } from "./shared";

/** Resources the cache may hold across all records (about 1 KB of JSON each). */
export const CACHE_RESOURCES = 60_000;
const SHARED_TYPES = ["Practitioner", "Organization", "Location", "Medication"];

export type ReadResult =
  | { found: Served; patientId: string | null }
  | { gone: true; patientId: string }
  | undefined;

export class RecordBook {
  readonly changes = new Changes();
  private readonly cache = new Map<string, ServedRecord>();
  private cachedResources = 0;
  private readonly sharedServed = new Map<string, Served | null>();

  constructor(
    private readonly directory: Directory,
    private readonly recordSize: number,
  ) {}

  /** The patient's entries (hand-made and generated), before any change. Undefined for an unknown patient. */
  entries(patientId: string): Entry[] | undefined {
    const record = this.directory.patient(patientId);
    return record ? recordEntries(record, this.recordSize) : undefined;
  }

  record(patientId: string, version: FhirVersion): ServedRecord | undefined {
    const key = `${version}:${patientId}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const patient = this.directory.patient(patientId);
    if (!patient) return undefined;
    const built = buildRecord({
      demographics: patient.demographics,
      entries: recordEntries(patient, this.recordSize),
      changes: this.changes.of(patientId),
      version,
      shared: (type, id) => this.shared(type, id, version),
    });
    this.cache.set(key, built);
    this.cachedResources += built.size;
    for (const [k, r] of this.cache) {
      if (this.cachedResources <= CACHE_RESOURCES || r === built) break;
      this.cache.delete(k);
      this.cachedResources -= r.size;
    }
    return built;
  }

  /** Forget a patient's built records (after a change). */
  invalidate(patientId: string): void {
    for (const version of ["dstu2", "r4"]) {
      const key = `${version}:${patientId}`;
      const r = this.cache.get(key);
      if (r) this.cachedResources -= r.size;
      this.cache.delete(key);
    }
  }

  /** A shared resource (Practitioner, Organization, Location, Medication), rendered once per version. */
  shared(type: SharedType | string, id: string, version: FhirVersion): Served | undefined {
    const key = `${version}:${type}/${id}`;
    let s = this.sharedServed.get(key);
    if (s === undefined) {
      const resource = renderShared(type, id, version);
      s = resource ? Served.written(type, id, "1", Date.parse(SHARED_LAST_UPDATED), undefined, JSON.stringify(resource)) : null;
      this.sharedServed.set(key, s);
    }
    return s ?? undefined;
  }

  /** A resource by type and id, with the patient it belongs to (null for shared resources). */
  read(type: string, id: string, version: FhirVersion): ReadResult {
    if (SHARED_TYPES.includes(type)) {
      const found = this.shared(type, id, version);
      return found ? { found, patientId: null } : undefined;
    }
    if (type === "Patient") {
      // Reading a Patient must stay cheap (a sync reads thousands): no need to build the whole record.
      const cached = this.cache.get(`${version}:${id}`)?.byId.get(`Patient/${id}`);
      if (cached) return { found: cached, patientId: id };
      const patient = this.directory.patient(id);
      return patient ? { found: servePatient(patient.demographics, version), patientId: id } : undefined;
    }
    const owner = this.directory.ownerOf(id);
    if (!owner) return undefined;
    const patientId = owner.demographics.id;
    const record = this.record(patientId, version);
    const found = record?.byId.get(`${type}/${id}`);
    if (found) return { found, patientId };
    return record?.removed.has(`${type}/${id}`) ? { gone: true, patientId } : undefined;
  }
}
