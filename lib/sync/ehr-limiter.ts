/**
 * Bounded concurrency per health system, and a pause for one health system after it answered 429
 * (Retry-After), so one busy EHR never slows the others. Framework-free.
 */
import { sleep } from "../connections/backoff";

export class EhrLimiter {
  private active = new Map<string, number>();
  private waiting = new Map<string, Array<() => void>>();
  private pausedUntil = new Map<string, number>();

  constructor(private readonly perEhr: number) {}

  /** Holds back new work for `ehr` for `seconds`. */
  pause(ehr: string, seconds: number): void {
    const until = Date.now() + seconds * 1000;
    if (until > (this.pausedUntil.get(ehr) ?? 0)) this.pausedUntil.set(ehr, until);
  }

  async run<T>(ehr: string, job: () => Promise<T>): Promise<T> {
    await this.acquire(ehr);
    try {
      const wait = (this.pausedUntil.get(ehr) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      return await job();
    } finally {
      this.release(ehr);
    }
  }

  private async acquire(ehr: string): Promise<void> {
    const n = this.active.get(ehr) ?? 0;
    if (n < this.perEhr) {
      this.active.set(ehr, n + 1);
      return;
    }
    await new Promise<void>((resolve) => {
      const queue = this.waiting.get(ehr) ?? [];
      queue.push(resolve);
      this.waiting.set(ehr, queue);
    });
  }

  private release(ehr: string): void {
    const next = this.waiting.get(ehr)?.shift();
    if (next) next(); // the slot passes straight to the next job
    else this.active.set(ehr, (this.active.get(ehr) ?? 1) - 1);
  }
}
