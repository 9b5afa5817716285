/**
 * Group commit. Writes queued in the same turn of the event loop go to the database together
 * (one transaction on SQLite, one statement on PostgreSQL) and each caller learns its own row's
 * outcome once that commit is done. One flush runs at a time (SQLite has a single writer, and on
 * PostgreSQL fewer, larger commits cost the server less; see lib/data/sync-writes.ts); while it
 * runs, new writes gather for the next one. Nothing is held back on a timer. Callers that need an
 * order await their first write before queuing the next. Framework-free.
 */
type Pending<I, O> = { item: I; resolve: (outcome: O) => void; reject: (error: unknown) => void };

export class WriteBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly maxItems: number;
  private readonly maxWeight: number;
  private readonly weigh: (item: I) => number;

  /**
   * `write` must return one outcome per item, in order, and be all-or-nothing (a transaction).
   * `weigh` and `maxWeight` bound a batch by what its items hold (rows, say) as well as by their
   * number: a batch takes items while their weights add up to at most `maxWeight` (always one).
   */
  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    options: { maxItems?: number; maxWeight?: number; weigh?: (item: I) => number } = {},
  ) {
    this.maxItems = options.maxItems ?? 500;
    this.maxWeight = options.maxWeight ?? Infinity;
    this.weigh = options.weigh ?? (() => 1);
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    let take = 0;
    for (let weight = 0; take < Math.min(this.maxItems, this.queue.length); take++) {
      weight += this.weigh(this.queue[take]!.item);
      if (take > 0 && weight > this.maxWeight) break;
    }
    const batch = this.queue.splice(0, take);
    try {
      await this.settle(batch);
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  /** A failed batch is retried one item at a time, so one bad row never loses the others' writes. */
  private async settle(batch: Pending<I, O>[]): Promise<void> {
    try {
      const outcomes = await this.write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(outcomes[i] as O));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
    }
    for (const pending of batch) {
      try {
        const [outcome] = await this.write([pending.item]);
        pending.resolve(outcome as O);
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
