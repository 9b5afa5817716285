import "server-only";
import { z } from "zod";
import { DEFAULT_RECORD_LIMITS, type RecordLimits } from "../fhir/record-fetch/limits";

/**
 * The whole-record sync's settings, from the environment (each documented in docs/SYNC.md with
 * its default). Read once per process.
 */
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  SYNC_PAGE_SIZE: int(1, 1000, DEFAULT_RECORD_LIMITS.pageSize),
  SYNC_MAX_PAGES_PER_SEARCH: int(1, 10_000, DEFAULT_RECORD_LIMITS.maxPagesPerSearch),
  SYNC_MAX_PAGE_BYTES: int(1024, 256 * 1024 * 1024, DEFAULT_RECORD_LIMITS.maxPageBytes),
  SYNC_MAX_RESOURCE_BYTES: int(1024, 64 * 1024 * 1024, DEFAULT_RECORD_LIMITS.maxResourceBytes),
  SYNC_MAX_BYTES_PER_CONNECTION: int(1024, 4 * 1024 * 1024 * 1024, DEFAULT_RECORD_LIMITS.maxBytesPerConnection),
  SYNC_MAX_REFERENCE_READS: int(0, 100_000, DEFAULT_RECORD_LIMITS.maxReferenceReads),
  /**
   * Searches of one connection run at once (the per-health-system limiter bounds the requests
   * anyway). 8, the default in-flight limit: with 4, one connection's first sync could use only
   * half of what the EHR allows (each search reads its pages one after another).
   */
  SYNC_SEARCHES_PER_CONNECTION: int(1, 32, 8),
  /** `_lastUpdated=gt(cursor − overlap)`: clock skew and late commits at the EHR are covered. */
  SYNC_CURSOR_OVERLAP_MINUTES: int(0, 7 * 24 * 60, 60),
  /** A full re-pull of every type (removals found) at least this often. */
  SYNC_FULL_RECONCILE_DAYS: z.coerce.number().min(0).max(365).default(7),
  /** Types whose searches must name a category whatever the CapabilityStatement says (comma-separated), as Epic requires for Observation. */
  SYNC_CATEGORY_REQUIRED_TYPES: z.string().default(""),
});

export type RecordSettings = { limits: RecordLimits; searchesPerConnection: number; overlapMs: number; fullEveryMs: number; categoryRequired: string[] };

let cached: RecordSettings | undefined;

export function recordSettings(): RecordSettings {
  if (cached) return cached;
  const e = schema.parse(process.env);
  cached = {
    limits: {
      pageSize: e.SYNC_PAGE_SIZE,
      maxPagesPerSearch: e.SYNC_MAX_PAGES_PER_SEARCH,
      maxPageBytes: e.SYNC_MAX_PAGE_BYTES,
      maxResourceBytes: e.SYNC_MAX_RESOURCE_BYTES,
      maxBytesPerConnection: e.SYNC_MAX_BYTES_PER_CONNECTION,
      maxReferenceReads: e.SYNC_MAX_REFERENCE_READS,
      retriesAfter429: DEFAULT_RECORD_LIMITS.retriesAfter429,
    },
    searchesPerConnection: e.SYNC_SEARCHES_PER_CONNECTION,
    overlapMs: e.SYNC_CURSOR_OVERLAP_MINUTES * 60_000,
    fullEveryMs: e.SYNC_FULL_RECONCILE_DAYS * 86_400_000,
    categoryRequired: e.SYNC_CATEGORY_REQUIRED_TYPES.split(",").map((t) => t.trim()).filter(Boolean),
  };
  return cached;
}
