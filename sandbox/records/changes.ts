/**
 * What `/_sandbox/records/touch` changed: per patient, per entry, how many times it was touched, when it last
 * changed, and whether it was removed. Kept in memory for the sandbox's life, and applied whenever a record
 * is (re)built, so both profiles see the same changes.
 */
import { iso } from "./chart";
import type { Entry } from "./entry";

export interface Change {
  revision: number;
  changedMs: number;
  removed: boolean;
}

export class Changes {
  private readonly byPatient = new Map<string, Map<string, Change>>();

  of(patientId: string): ReadonlyMap<string, Change> | undefined {
    return this.byPatient.get(patientId);
  }

  private change(patientId: string, id: string): Change {
    let changes = this.byPatient.get(patientId);
    if (!changes) this.byPatient.set(patientId, (changes = new Map()));
    let c = changes.get(id);
    if (!c) changes.set(id, (c = { revision: 0, changedMs: 0, removed: false }));
    return c;
  }

  touch(patientId: string, id: string, now: number): void {
    const c = this.change(patientId, id);
    c.revision += 1;
    c.changedMs = now;
  }

  remove(patientId: string, id: string, now: number): void {
    const c = this.change(patientId, id);
    c.removed = true;
    c.changedMs = now;
  }
}

/** An entry as touched: a new version and last-updated time, a changed value, and a narrative saying so. */
export function amend(e: Entry, c: Change): Entry {
  const changed = { ...e, version: e.version + c.revision, updated: iso(c.changedMs), note: `Amended in the sandbox (revision ${c.revision}).` };
  if (changed.kind !== "observation") return changed;
  const v = changed.value;
  if (typeof v === "string") return { ...changed, value: `${v} (amended, revision ${c.revision})` };
  if (v && "value" in v) return { ...changed, value: { ...v, value: Math.round((v.value + c.revision * Math.max(0.1, Math.abs(v.value) * 0.02)) * 10) / 10 } };
  if (changed.components) {
    return { ...changed, components: changed.components.map((x) => ({ ...x, value: { ...x.value, value: x.value.value + c.revision } })) };
  }
  return changed;
}
