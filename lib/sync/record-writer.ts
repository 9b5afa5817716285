import "server-only";
import type { FetchedResource } from "../fhir/record-fetch/entries";
import type { RecordState } from "../data/record-states";
import { storeRecordBatch } from "../data/resource-store";

/**
 * One connection's writes during a pull, gathered and written together: whole pages, removal marks
 * and state rows wait in order and go to the store as ONE batch (one transaction on SQLite) when
 * `maxRows` resources or `maxBytes` of their JSON wait, when the first of them has waited
 * `maxWaitMs`, or when the pull flushes at its end. A first pass made some 40 writes per
 * connection, each in whichever commit was open; every commit rewrote the index pages of all the
 * connections in it, so the commits, not the rows, were most of the store's cost. A page is still
 * stored whole or not at all, a state row is never written before the pages it reports on, and
 * each batch checks the connection is still active.
 */
export type WriterOptions = {
  /** The types the connection held anything of when the pull began; a page of another type needs no look-up of stored marks. */
  storedTypes?: ReadonlySet<string>;
  maxRows: number;
  maxBytes: number;
  /** 0: only when full or flushed. */
  maxWaitMs: number;
};

/**
 * The pull's writer settings: a 200-resource record is two or three batches (the first pass's
 * commits went from 5,400 to about 2,800 for 1,000 connections; 250 rows a batch made 2,300, but
 * the longer-held pages raised the worker's peak RSS to 290–300 MB); the JSON waiting stays under
 * 1 MB a connection; the progress the participant sees (the state rows) is at most half a second
 * behind the pages.
 */
export const PULL_WRITER = { maxRows: 100, maxBytes: 1024 * 1024, maxWaitMs: 500 } as const;

export class RecordWriter {
  readonly written: Record<string, number> = {};
  readonly removed: Record<string, number> = {};
  private groups: { source: string; rows: FetchedResource[] }[] = [];
  private waiting = 0;
  private waitingBytes = 0;
  private removals: { resourceType: string; keep: string[] }[] = [];
  private states = new Map<string, RecordState>();
  private timer: NodeJS.Timeout | null = null;
  /** The writes so far, in order; false once the connection was found inactive. */
  private chain: Promise<boolean> = Promise.resolve(true);

  constructor(
    private readonly connectionId: string,
    private readonly options: WriterOptions,
  ) {}

  /** Adds a whole page (or a read's resources); resolves false when the connection is no longer active. */
  async addPage(source: "record" | "reference", resources: FetchedResource[]): Promise<boolean> {
    if (resources.length === 0) return this.chain;
    this.groups.push({ source, rows: resources });
    this.waiting += resources.length;
    for (const resource of resources) this.waitingBytes += resource.json.length;
    if (this.waiting >= this.options.maxRows || this.waitingBytes >= this.options.maxBytes) return this.flush();
    this.startTimer();
    return this.chain;
  }

  /** After a full re-pull of a type: its stored record resources not in `keep` are marked removed. */
  addRemoval(resourceType: string, keep: Iterable<string>): void {
    this.removals.push({ resourceType, keep: [...keep] });
    this.startTimer();
  }

  /** A search's state row (the latest for its key wins), written after everything added before it. */
  addState(state: RecordState): void {
    this.states.set(state.searchKey, state);
    this.startTimer();
  }

  /** Writes what waits; resolves false when the connection is no longer active (then nothing more is written). */
  flush(): Promise<boolean> {
    const batch = this.take();
    if (batch.groups.length + batch.removals.length + batch.states.length === 0) return this.chain;
    this.chain = this.chain.then(async (active) => {
      if (!active) return false;
      const done = await storeRecordBatch(this.connectionId, batch, this.options.storedTypes ? { storedTypes: this.options.storedTypes } : {});
      if (!done.active) return false;
      for (const [type, n] of Object.entries(done.written)) this.written[type] = (this.written[type] ?? 0) + n;
      for (const [type, n] of Object.entries(done.removed)) this.removed[type] = (this.removed[type] ?? 0) + n;
      return true;
    });
    return this.chain;
  }

  /** Drops what waits (the pull stopped) and stops the timer. */
  discard(): void {
    this.take();
  }

  /** What waits, in order, leaving nothing waiting and no timer running. */
  private take(): { groups: { source: string; rows: FetchedResource[] }[]; removals: { resourceType: string; keep: string[] }[]; states: RecordState[] } {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = { groups: this.groups, removals: this.removals, states: [...this.states.values()] };
    this.groups = [];
    this.waiting = 0;
    this.waitingBytes = 0;
    this.removals = [];
    this.states = new Map();
    return batch;
  }

  private startTimer(): void {
    if (this.timer || this.options.maxWaitMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failure here is met again by the next add or flush, which return the same chain.
      this.flush().catch(() => undefined);
    }, this.options.maxWaitMs);
    this.timer.unref();
  }
}
