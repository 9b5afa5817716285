/**
 * The sync worker's hot path in plain SQL (see lib/db/sql.ts for why): claim a batch of due
 * connections, store rotated tokens (compare-and-swap on tokenVersion), save Patient snapshots,
 * end claims.
 * One implementation per database, same contract; callers see neither.
 */

/** A connection as a sync claim returns it: its sealed tokens, its client and its FHIR server. */
export type ClaimedConnection = {
  id: string;
  healthSystemId: string;
  patientId: string;
  /** statusReason before the claim marked the refresh pending. */
  previousStatusReason: string | null;
  tokenVersion: number;
  accessTokenEnc: string | null;
  accessTokenExpiresAt: Date | null;
  refreshTokenEnc: string | null;
  approvalExpiresAt: Date | null;
  clientId: string | null;
  clientSecretEnc: string | null;
  clientAuthMethod: string | null;
  fhirBaseUrl: string;
  fhirVersion: string | null;
  /** The scope the EHR granted: what may be read, and whether the refresh token may be used (offline_access). */
  grantedScope: string | null;
};

export type ClaimInput = {
  owner: string;
  limit: number;
  leaseUntil: Date;
  /** Due: never synced, or last synced before this. */
  dueBefore: Date;
  now: Date;
  /** Written to statusReason with the claim: a refresh may be sent from now on. */
  pendingMark: string;
  /** Only connections whose id sorts after this ("" for all): a pass walks the table once instead of rescanning it. */
  after: string;
};

/** A refresh's answer, sealed. `refreshTokenEnc`, `grantedScope`, `approvalExpiresAt` null: keep the stored one. */
export type TokenWrite = {
  id: string;
  expectedVersion: number;
  accessTokenEnc: string;
  accessTokenExpiresAt: Date | null;
  refreshTokenEnc: string | null;
  grantedScope: string | null;
  approvalExpiresAt: Date | null;
  /** The writer holds a sync claim and keeps it; otherwise the lease is released. */
  keepLease: boolean;
  at: Date;
};

export type SnapshotWrite = {
  connectionId: string;
  resourceJson: string;
  fhirVersion: string | null;
  displayName: string;
  gender: string | null;
  birthDate: string | null;
  city: string | null;
  state: string | null;
  /** When the Patient says they died: a dateTime as sent, or "yes". */
  deceased: string | null;
  /**
   * The search tokens of the Patient (lib/dashboard/search-tokens.ts), sorted and joined by spaces.
   * When it differs from the stored one, the connection's "record" SearchToken rows are rewritten
   * in the same transaction (one row per token); unchanged, nothing is written.
   */
  searchText: string;
  fetchedAt: Date;
};

/** Ends `owner`'s sync claim; `notBefore` keeps the connection out of passes until then. */
export type ClaimRelease = { id: string; owner: string; notBefore: Date | null; at: Date };

/**
 * One write of the hot path. tokens: a compare-and-swap on tokenVersion (and approvalFromEhr set
 * when the EHR gave approvalExpiresAt); snapshot: upsert the snapshot (and its search tokens) and
 * stamp the connection's lastSyncAt; release: end a claim (one another worker holds
 * by now is left alone).
 */
export type SyncWrite = ({ kind: "tokens" } & TokenWrite) | ({ kind: "snapshot" } & SnapshotWrite) | ({ kind: "release" } & ClaimRelease);

export interface SyncSql {
  countDue(dueBefore: Date, now: Date): Promise<number>;
  /** Atomically leases up to `limit` due, unleased, connected connections to `owner`. */
  claimDue(input: ClaimInput): Promise<ClaimedConnection[]>;
  /**
   * A batch of writes of any kinds in one transaction. Per item: for tokens, whether the
   * compare-and-swap won; for a snapshot, whether it was written (false: the connection is no
   * longer active, withdrawn meanwhile; nothing was written); true for releases.
   */
  write(items: SyncWrite[]): Promise<boolean[]>;
  /** Extends `owner`'s claim to `leaseUntil` in one statement; false when another worker holds it or it is no longer connected. */
  renew(id: string, owner: string, leaseUntil: Date, now: Date): Promise<boolean>;
}

/** Splits items into rounds where each key appears once (one statement may not touch a row twice). */
export function roundsByKey<T>(items: T[], key: (item: T) => string): { item: T; index: number }[][] {
  const rounds: { item: T; index: number }[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    const round = seen.get(k) ?? 0;
    seen.set(k, round + 1);
    (rounds[round] ??= []).push({ item, index });
  });
  return rounds;
}
