/** What `/_sandbox/records` does: change or remove some of a patient's resources, and list what a record holds. */
import type { FhirVersion } from "../fhir/resource";
import type { Profile } from "../state/model";
import type { RecordBook } from "./book";
import { hash } from "./chart";
import { entryId } from "./entry";
import { SAME_IN_BOTH, TYPE_NAMES, typeOf } from "./kinds";

const versionOf = (profile: Profile): FhirVersion => (profile === "s4s" ? "dstu2" : "r4");

/**
 * Touches (new version, last-updated = now, a changed value) or removes `n` of the patient's clinical
 * resources, and names them as `Type/id`. Which ones is deterministic: the least-touched first, then a fixed
 * order per patient. Without a profile only types both profiles serve under the same name are chosen, so the
 * names hold for both; with one, any type that profile serves, named as it names them. The Patient and shared
 * resources are never chosen. Undefined for an unknown patient.
 */
export function changeRecord(book: RecordBook, patientId: string, action: "touch" | "remove", n: number, profile: Profile | undefined, now: number): string[] | undefined {
  const entries = book.entries(patientId);
  if (!entries) return undefined;
  const changes = book.changes.of(patientId);
  const version = profile && versionOf(profile);
  const candidates = entries
    .filter((e) => (version ? typeOf(e.kind, version) !== null : SAME_IN_BOTH.includes(e.kind)) && !changes?.get(entryId(e))?.removed)
    .map((e) => ({ e, revision: changes?.get(entryId(e))?.revision ?? 0, order: hash(`${patientId}/${entryId(e)}`) }))
    .sort((a, b) => a.revision - b.revision || a.order - b.order)
    .slice(0, n)
    .map((c) => c.e);
  for (const e of candidates) {
    if (action === "touch") book.changes.touch(patientId, entryId(e), now);
    else book.changes.remove(patientId, entryId(e), now);
  }
  book.invalidate(patientId);
  return candidates.map((e) => `${version ? typeOf(e.kind, version) : TYPE_NAMES[e.kind].r4}/${patientId}-${e.key}`);
}

export interface RecordListing {
  patient: string;
  profile: Profile;
  /** Every resource a client should hold for this patient: the Patient, each searchable type, and what they reference. */
  resources: Record<string, string[]>;
  /** Resources removed at the sandbox (reads answer 410). */
  removed: Record<string, string[]>;
}

export function listRecord(book: RecordBook, patientId: string, profile: Profile): RecordListing | undefined {
  const record = book.record(patientId, versionOf(profile));
  if (!record) return undefined;
  const removed: Record<string, string[]> = {};
  for (const ref of record.removed) {
    const [type = "", id = ""] = ref.split("/");
    (removed[type] ??= []).push(id);
  }
  const resources = Object.fromEntries([...record.byType].map(([type, list]) => [type, list.map((s) => s.id)]));
  return { patient: patientId, profile, resources, removed };
}
