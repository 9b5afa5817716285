/**
 * Runs work for one key at a time in this process, in arrival order; beyond `maxWaiting` waiting
 * for a key, `take` answers `undefined` at once instead of queueing (the caller says "busy").
 * For short database transactions that would otherwise all hold a pooled connection while they
 * wait for the same row lock.
 */
export class TakeTurns {
  private readonly tails = new Map<string, { done: Promise<unknown>; waiting: number }>();

  constructor(private readonly maxWaiting: number) {}

  async take<T>(key: string, work: () => Promise<T>): Promise<T | undefined> {
    const entry = this.tails.get(key) ?? { done: Promise.resolve(), waiting: 0 };
    if (entry.waiting >= this.maxWaiting) return undefined;
    entry.waiting++;
    const previous = entry.done;
    const mine = previous.catch(() => undefined).then(work);
    entry.done = mine.catch(() => undefined);
    this.tails.set(key, entry);
    try {
      return await mine;
    } finally {
      entry.waiting--;
      if (entry.waiting === 0 && this.tails.get(key) === entry) this.tails.delete(key);
    }
  }
}
