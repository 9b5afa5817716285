/**
 * Politeness to each EHR: every request to a health system (token and FHIR alike) runs through
 * `run`, under that health system's limits — requests in flight, and a request rate where set —
 * drawn from a budget shared with every other worker on the same database (lib/sync/ehr-budget.ts),
 * and `pause` holds a health system back after a 429 or Retry-After, for every worker. One busy
 * EHR never slows the others. Framework-free. docs/SYNC.md "Politeness".
 */
import { log } from "../log";
import { inProcessEhrBudget, type EhrBudget } from "./ehr-budget";

export type EhrLimiterOptions = {
  /** Where the limits come from and are shared: lib/data/ehr-budget.ts (the database) or inProcessEhrBudget. */
  budget: EhrBudget;
  /** This worker, as its leases name it (a random suffix keeps two limiters of one worker apart). */
  owner: string;
  /** How long a lease on requests in flight lasts unless renewed (a killed worker's lapses after it). Default 10 s. */
  leaseMs?: number;
  /** How often leases are renewed and resized while in use. Default 500 ms. */
  renewMs?: number;
};

type Ehr = {
  id: string;
  /** Leased requests in flight, usable until `validUntil`; while a lease call runs, at most `floor`. */
  slots: number;
  validUntil: number;
  leasing: boolean;
  floor: number;
  lastWant: number;
  inFlight: number;
  waiting: Array<() => void>;
  maxInFlight: number;
  requestsPerMinute: number | null;
  pausedUntil: number;
  timer: ReturnType<typeof setInterval> | null;
  /** Reserved start times (ms since the epoch, ascending), each usable until one interval after it. */
  times: number[];
  intervalMs: number;
  reserving: Promise<void> | null;
  timeWanted: number;
  /** How long a reservation's answer takes (a moving average): new times are asked for that far ahead. */
  reserveMs: number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class EhrLimiter {
  private readonly ehrs = new Map<string, Ehr>();
  private readonly budget: EhrBudget;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly renewMs: number;

  /** A number: that many requests in flight to each health system, counted in this process alone (tests, tools). */
  constructor(options: EhrLimiterOptions | number) {
    if (typeof options === "number") {
      const maxInFlight = options;
      options = { budget: inProcessEhrBudget(() => ({ maxInFlight, requestsPerMinute: null })), owner: "process" };
    }
    this.budget = options.budget;
    this.owner = `${options.owner}#${crypto.randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.renewMs = options.renewMs ?? 500;
  }

  /** Runs ONE request to the health system under its limits. */
  async run<T>(healthSystemId: string, job: () => Promise<T>): Promise<T> {
    const ehr = this.ehr(healthSystemId);
    await this.acquire(ehr);
    try {
      await this.startTime(ehr);
      return await job();
    } finally {
      ehr.inFlight--;
      this.drain(ehr);
    }
  }

  /**
   * Gives back this worker's slots at every health system it has nothing in flight or waiting for
   * (the end of a pass, before a process exits): another worker, or the next `sync --once`, need
   * not wait for the lease to run out. A request that comes later leases again.
   */
  async giveBackIdle(): Promise<void> {
    // With nothing in flight or waiting, a lease wants 0: the budget gives the slots back.
    const idle = [...this.ehrs.values()].filter((ehr) => ehr.slots > 0 && !ehr.leasing && ehr.inFlight === 0 && ehr.waiting.length === 0);
    await Promise.all(idle.map((ehr) => this.lease(ehr)));
  }

  /** Holds back new requests to the health system for `seconds` (a 429's Retry-After), in every worker. */
  pause(healthSystemId: string, seconds: number): void {
    const ehr = this.ehr(healthSystemId);
    const until = Date.now() + seconds * 1000;
    if (until <= ehr.pausedUntil) return;
    ehr.pausedUntil = until;
    ehr.times = ehr.times.filter((t) => t >= until);
    this.budget.pause(healthSystemId, until).catch((error: unknown) => this.failed(ehr, "pause", error));
  }

  private ehr(id: string): Ehr {
    let ehr = this.ehrs.get(id);
    if (!ehr) {
      ehr = { id, slots: 0, validUntil: 0, leasing: false, floor: 0, lastWant: 0, inFlight: 0, waiting: [], maxInFlight: Infinity, requestsPerMinute: null, pausedUntil: 0, timer: null, times: [], intervalMs: 0, reserving: null, timeWanted: 0, reserveMs: 50 };
      this.ehrs.set(id, ehr);
    }
    return ehr;
  }

  private usable(ehr: Ehr): number {
    const slots = Date.now() < ehr.validUntil ? ehr.slots : 0;
    return ehr.leasing ? Math.min(slots, ehr.floor) : slots;
  }

  private async acquire(ehr: Ehr): Promise<void> {
    if (ehr.waiting.length === 0 && ehr.inFlight < this.usable(ehr)) {
      ehr.inFlight++;
      return;
    }
    const granted = new Promise<void>((resolve) => ehr.waiting.push(resolve));
    if (Math.min(ehr.maxInFlight, ehr.inFlight + ehr.waiting.length) > ehr.lastWant) this.lease(ehr);
    this.keepRenewing(ehr);
    await granted;
  }

  private drain(ehr: Ehr): void {
    while (ehr.waiting.length > 0 && ehr.inFlight < this.usable(ehr)) {
      ehr.inFlight++;
      ehr.waiting.shift()!();
    }
  }

  /**
   * Asks the budget for as many slots as there are requests here (one call at a time per health
   * system); settles once the answer is applied (callers that need not wait leave it running).
   */
  private lease(ehr: Ehr): Promise<void> {
    if (ehr.leasing) return Promise.resolve();
    const want = Math.min(ehr.maxInFlight, ehr.inFlight + ehr.waiting.length);
    const sentAt = Date.now();
    // Until the answer, no more than this many in flight — what the current lease allows and is
    // wanted (or what is running, if more) — and the new lease records at least as many: a slow
    // answer never holds back requests the current lease already covers.
    ehr.floor = Math.max(ehr.inFlight, Math.min(this.usable(ehr), want));
    ehr.leasing = true;
    ehr.lastWant = want;
    return this.budget
      .lease({ healthSystemId: ehr.id, owner: this.owner, want, inFlight: ehr.floor, leaseMs: this.leaseMs })
      .then(
        (grant) => {
          ehr.slots = grant.slots;
          ehr.validUntil = sentAt + this.leaseMs;
          ehr.maxInFlight = grant.maxInFlight;
          ehr.requestsPerMinute = grant.requestsPerMinute;
          if (grant.pausedUntil > ehr.pausedUntil) ehr.pausedUntil = grant.pausedUntil;
        },
        (error: unknown) => this.failed(ehr, "lease", error),
      )
      .finally(() => {
        ehr.leasing = false;
        this.drain(ehr);
        if (Math.min(ehr.maxInFlight, ehr.inFlight + ehr.waiting.length) > ehr.lastWant) this.lease(ehr);
      });
  }

  /** While the health system is in use, renews and resizes the lease; when it is idle, gives it back and stops. */
  private keepRenewing(ehr: Ehr): void {
    if (ehr.timer) return;
    ehr.timer = setInterval(() => {
      if (ehr.leasing) return;
      const idle = ehr.inFlight === 0 && ehr.waiting.length === 0;
      if (idle && ehr.slots === 0) {
        clearInterval(ehr.timer!);
        ehr.timer = null;
        return;
      }
      this.lease(ehr);
    }, this.renewMs);
    ehr.timer.unref?.();
  }

  /** Waits out a pause and, where the health system has a rate, for this request's start time. */
  private async startTime(ehr: Ehr): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (ehr.pausedUntil > now) {
        await sleep(ehr.pausedUntil - now);
        continue;
      }
      if (!ehr.requestsPerMinute) return;
      while (ehr.times.length > 0 && ehr.times[0]! + ehr.intervalMs <= now) ehr.times.shift();
      const at = ehr.times.shift();
      // Asks for the next block before this one runs out, so a start time is at hand when it is due.
      if (ehr.times.length < this.blockSize(ehr) / 2 && ehr.timeWanted + ehr.waiting.length > 0) void this.reserve(ehr);
      if (at === undefined) {
        ehr.timeWanted++;
        await this.reserve(ehr).finally(() => ehr.timeWanted--);
        continue;
      }
      // Timers run on a monotonic clock and may fire a millisecond before `at` by the wall clock
      // (Date.now): a start at 999 ms would count in the second before its own. Never before `at`.
      for (let left = at - now; left > 0; left = at - Date.now()) await sleep(left);
      // A start a whole interval late is given up (the next time is taken instead): each start stays
      // in its own interval of the grid. A pause that began meanwhile is waited out.
      if (Date.now() < at + ehr.intervalMs && ehr.pausedUntil <= Date.now()) return;
    }
  }

  /** Reserves start times for the requests waiting for one, at most a quarter second's worth at once. */
  private blockSize(ehr: Ehr): number {
    return Math.max(1, Math.ceil((ehr.requestsPerMinute ?? 0) / 240));
  }

  private reserve(ehr: Ehr): Promise<void> {
    if (ehr.reserving) return ehr.reserving;
    const count = Math.min(Math.max(1, ehr.timeWanted + ehr.waiting.length), this.blockSize(ehr));
    const sentAt = Date.now();
    ehr.reserving = this.budget
      .reserve(ehr.id, count, Math.min(1000, Math.round(ehr.reserveMs * 1.5)))
      .then(
        (times) => {
          ehr.reserveMs = 0.7 * ehr.reserveMs + 0.3 * (Date.now() - sentAt);
          if (!times) return void (ehr.requestsPerMinute = null);
          ehr.intervalMs = times.intervalMs;
          for (let i = 0; i < times.count; i++) ehr.times.push(times.startsAt + i * times.intervalMs);
          ehr.times.sort((a, b) => a - b);
        },
        async (error: unknown) => {
          this.failed(ehr, "reserve", error);
          await sleep(this.renewMs);
        },
      )
      .finally(() => (ehr.reserving = null));
    return ehr.reserving;
  }

  private failed(ehr: Ehr, what: string, error: unknown): void {
    log.error("sync.ehr_budget_failed", { healthSystemId: ehr.id, what, error: error instanceof Error ? error.message : String(error) });
  }
}
