/** Each patient's resources in DSTU2 or R4 form, rendered on first use and cached. */
import type { Directory } from "../fixtures/directory";
import { renderDstu2 } from "./render-dstu2";
import { renderR4 } from "./render-r4";
import type { FhirResource, FhirVersion } from "./resource";

const CACHE_LIMIT = 2000;

export class FhirData {
  private readonly cache = new Map<string, FhirResource[]>();

  constructor(private readonly directory: Directory) {}

  /** Every resource of a patient, or undefined when the patient does not exist. */
  resourcesOf(patientId: string, version: FhirVersion): FhirResource[] | undefined {
    const key = `${version}:${patientId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const record = this.directory.patient(patientId);
    if (!record) return undefined;
    const resources = version === "dstu2" ? renderDstu2(record) : renderR4(record);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, resources);
    return resources;
  }

  /** A resource by type and id, with the id of the patient it belongs to. */
  read(type: string, id: string, version: FhirVersion): { resource: FhirResource; patientId: string } | undefined {
    const owner = this.directory.ownerOf(id);
    if (!owner) return undefined;
    const patientId = owner.demographics.id;
    const resource = this.resourcesOf(patientId, version)?.find((r) => r.resourceType === type && r.id === id);
    return resource ? { resource, patientId } : undefined;
  }
}
