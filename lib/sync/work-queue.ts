/**
 * One connection's requests-to-be, run at most `width` at a time in the order they were added
 * (the Patient read, each search page chain, each referenced resource), where a running task may
 * add more (a page naming a Practitioner adds its read). `finished()` settles once nothing runs or
 * waits; after a task fails, nothing more starts, the running ones are waited for, and it rejects
 * with the first failure. Framework-free.
 */
export type Task = () => Promise<void>;

export class WorkQueue {
  private readonly waiting: Task[] = [];
  private running = 0;
  private failure: { error: unknown } | null = null;
  private sealed = false;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | null = null;

  constructor(private readonly width: number) {}

  add(task: Task): void {
    if (this.failure) return;
    this.waiting.push(task);
    this.pump();
  }

  /** Settles once every task added (before or meanwhile) has ended. */
  finished(): Promise<void> {
    this.sealed = true;
    const done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.check();
    return done;
  }

  private pump(): void {
    while (!this.failure && this.running < this.width && this.waiting.length > 0) {
      const task = this.waiting.shift()!;
      this.running++;
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          this.failure ??= { error };
          this.waiting.length = 0;
        })
        .finally(() => {
          this.running--;
          this.pump();
          this.check();
        });
    }
  }

  private check(): void {
    if (!this.sealed || !this.settle || this.running > 0 || this.waiting.length > 0) return;
    const { resolve, reject } = this.settle;
    this.settle = null;
    if (this.failure) reject(this.failure.error);
    else resolve();
  }
}
