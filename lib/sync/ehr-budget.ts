/**
 * The request budget an EhrLimiter draws on: a health system's requests in flight (leased to
 * workers in slots), its request rate (start times handed out in blocks on a grid) and its pause
 * after a 429. `lib/data/ehr-budget.ts` keeps it in the database, shared by every worker on it;
 * `inProcessEhrBudget` keeps it in memory, for one process (tests, single-process tools).
 * Framework-free. docs/SYNC.md "Politeness" explains the design.
 */

/** A health system's limits: requests in flight (all workers together) and, where set, per minute. */
export type EhrLimits = { maxInFlight: number; requestsPerMinute: number | null };

export type LeaseRequest = {
  healthSystemId: string;
  owner: string;
  /** Requests this worker would like in flight (0: it is done and gives its slots back). */
  want: number;
  /** Requests it has in flight now: the lease never records fewer. */
  inFlight: number;
  leaseMs: number;
};

export type LeaseGrant = EhrLimits & {
  /** Requests this worker may have in flight until the lease ends (it may have more still running: then it starts none). */
  slots: number;
  /** No request before this time (ms since the epoch; 0: no pause). */
  pausedUntil: number;
};

/** `count` start times: startsAt, startsAt + intervalMs, … (ms since the epoch). */
export type StartTimes = { startsAt: number; intervalMs: number; count: number };

export interface EhrBudget {
  /** Takes, renews, resizes or (want 0, nothing in flight) gives back `owner`'s slots. */
  lease(request: LeaseRequest): Promise<LeaseGrant>;
  /**
   * Reserves the next `count` start times the rate allows, none sooner than `leadMs` from now (the
   * time the answer takes to arrive); null when the health system has no rate.
   */
  reserve(healthSystemId: string, count: number, leadMs: number): Promise<StartTimes | null>;
  /** No request to the health system before `until` (ms since the epoch), for any worker. */
  pause(healthSystemId: string, until: number): Promise<void>;
}

/**
 * Max-min fair share of `total` among wants: the smallest wants are met first, the rest split
 * evenly. Returns the share of `wants[index]`.
 */
export function fairShare(total: number, wants: number[], index: number): number {
  const order = wants.map((want, i) => ({ want, i })).sort((a, b) => a.want - b.want || a.i - b.i);
  let left = total;
  for (let k = 0; k < order.length; k++) {
    const share = Math.min(order[k]!.want, Math.floor(left / (order.length - k)));
    if (order[k]!.i === index) return share;
    left -= share;
  }
  return 0;
}

/**
 * A lease's size: `target` is the fair share within what the others hold (a busy worker above it
 * starts nothing new until it is below it), `slots` what the lease records — never fewer than the
 * worker has in flight, so the others never count on requests that are still running.
 */
export function grantSlots(limit: number, others: { slots: number; wanted: number }[], want: number, inFlight: number): { slots: number; target: number } {
  const othersHeld = others.reduce((n, o) => n + o.slots, 0);
  const share = fairShare(limit, [...others.map((o) => o.wanted), want], others.length);
  const target = Math.max(0, Math.min(want, share, limit - othersHeld));
  return { slots: Math.max(inFlight, target), target };
}

/**
 * Start times on a grid of 60,000 / requestsPerMinute ms from the epoch, from the first grid point
 * at or after `from`. Minute boundaries are grid points (and second boundaries too when the rate is
 * a multiple of 60 a minute), so with each start less than one interval after its time every fixed
 * minute holds at most requestsPerMinute starts, and then every fixed second requestsPerMinute / 60.
 */
export function startTimes(requestsPerMinute: number, from: number, count: number): StartTimes {
  const intervalMs = 60_000 / requestsPerMinute;
  return { startsAt: Math.ceil(from / intervalMs) * intervalMs, intervalMs, count };
}

/** The budget in this process's memory: limiters sharing it share the limits; nothing else does. */
export function inProcessEhrBudget(limitsOf: (healthSystemId: string) => EhrLimits): EhrBudget {
  const leases = new Map<string, Map<string, { slots: number; wanted: number; until: number }>>();
  const next = new Map<string, number>();
  const paused = new Map<string, number>();
  return {
    async lease({ healthSystemId, owner, want, inFlight, leaseMs }) {
      const limits = limitsOf(healthSystemId);
      const now = Date.now();
      const mine = leases.get(healthSystemId) ?? new Map();
      leases.set(healthSystemId, mine);
      for (const [o, l] of mine) if (l.until <= now) mine.delete(o);
      const others = [...mine].filter(([o]) => o !== owner).map(([, l]) => l);
      const { slots, target } = grantSlots(limits.maxInFlight, others, Math.min(want, limits.maxInFlight), inFlight);
      if (slots === 0 && want === 0) mine.delete(owner);
      else mine.set(owner, { slots, wanted: Math.min(want, limits.maxInFlight), until: now + leaseMs });
      return { ...limits, slots: target, pausedUntil: paused.get(healthSystemId) ?? 0 };
    },
    async reserve(healthSystemId, count, leadMs) {
      const { requestsPerMinute } = limitsOf(healthSystemId);
      if (!requestsPerMinute) return null;
      const times = startTimes(requestsPerMinute, Math.max(Date.now() + leadMs, next.get(healthSystemId) ?? 0, paused.get(healthSystemId) ?? 0), count);
      next.set(healthSystemId, times.startsAt + count * times.intervalMs);
      return times;
    },
    async pause(healthSystemId, until) {
      paused.set(healthSystemId, Math.max(until, paused.get(healthSystemId) ?? 0));
    },
  };
}
