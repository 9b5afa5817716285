/**
 * The bounds of one connection's record fetch in one pass. Every value is documented in
 * docs/SYNC.md; lib/sync/record-settings.ts reads the overrides from the environment.
 */
export type RecordLimits = {
  /** `_count` asked for on every search (servers cap it at their own maximum). */
  pageSize: number;
  /** Pages followed per search before it is recorded as failed ("the list never ends"). */
  maxPagesPerSearch: number;
  /** A page (one HTTP answer) larger than this is refused whole. */
  maxPageBytes: number;
  /** A single resource larger than this is refused and counted, never stored. */
  maxResourceBytes: number;
  /** All the bytes of one connection's answers in one pass; beyond it the remaining searches fail for this pass. */
  maxBytesPerConnection: number;
  /** Referenced resources (Medication, Practitioner, …) read per connection per pass. */
  maxReferenceReads: number;
  /** Times one request is tried again after a 429 (after the Retry-After pause). */
  retriesAfter429: number;
};

export const DEFAULT_RECORD_LIMITS: RecordLimits = {
  pageSize: 50,
  maxPagesPerSearch: 200,
  maxPageBytes: 8 * 1024 * 1024,
  maxResourceBytes: 1024 * 1024,
  maxBytesPerConnection: 100 * 1024 * 1024,
  maxReferenceReads: 200,
  retriesAfter429: 2,
};

/** A connection's byte budget for one pass, shared by all its searches and reads. */
export type ByteBudget = { remaining: number };
