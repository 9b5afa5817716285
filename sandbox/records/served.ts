/**
 * A resource ready to serve: what reads and searches need to know about it, and its JSON, written the first
 * time a read or a page needs it (a search filtered by `_lastUpdated` never writes what it does not return).
 */
import type { DataCategory } from "../fhir/resource";

export class Served {
  private text: string | undefined;

  constructor(
    readonly type: string,
    readonly id: string,
    /** meta.versionId, or the sandbox's own version when the resource carries no meta (for the ETag). */
    readonly versionId: string,
    /** meta.lastUpdated, or when the sandbox last changed it (for `_lastUpdated` and Last-Modified). */
    readonly lastUpdatedMs: number,
    /** The consent category that must be shared to see it; undefined for shared resources (always visible). */
    readonly dataCategory: DataCategory | undefined,
    /** Search category codes (each also as `system|code`). */
    readonly categories: readonly string[],
    private write: (() => string) | undefined,
  ) {}

  static written(type: string, id: string, versionId: string, lastUpdatedMs: number, dataCategory: DataCategory | undefined, json: string): Served {
    const s = new Served(type, id, versionId, lastUpdatedMs, dataCategory, [], undefined);
    s.text = json;
    return s;
  }

  get json(): string {
    if (this.text === undefined) {
      this.text = this.write!();
      this.write = undefined;
    }
    return this.text;
  }
}

/** One patient's record as served in one FHIR version. */
export interface ServedRecord {
  patientId: string;
  /** Searchable resources by type, in record order: the Patient, the clinical types, then what they reference. */
  byType: Map<string, Served[]>;
  /** Every readable resource by `Type/id`, notes' Binaries included. */
  byId: Map<string, Served>;
  /** `Type/id` of resources removed at the sandbox (reads answer 410). */
  removed: Set<string>;
  /** Resources held, for the cache's budget. */
  size: number;
}

export function emptyRecord(patientId: string): ServedRecord {
  return { patientId, byType: new Map(), byId: new Map(), removed: new Set(), size: 0 };
}

export function add(record: ServedRecord, s: Served, searchable = true): void {
  record.byId.set(`${s.type}/${s.id}`, s);
  record.size += 1;
  if (!searchable) return;
  const list = record.byType.get(s.type);
  if (list) list.push(s);
  else record.byType.set(s.type, [s]);
}
