/**
 * Requests per client per second of the sandbox clock, for benchmarks and tests that check a portal's
 * politeness limits (`GET /_sandbox/stats` → `requestsByClient`). Only the last 600 seconds are kept per client.
 */

export const KEPT_SECONDS = 600;
/** The key for requests that name no client (discovery, a missing or unknown token or client). */
export const NO_CLIENT = "(none)";

interface ClientCount {
  total: number;
  maxPerSecond: number;
  /** Unix second → requests in it, oldest first. */
  perSecond: Map<number, number>;
}

export interface ClientTrafficJson {
  total: number;
  maxPerSecond: number;
  perSecond: Record<string, number>;
}

export class ClientTraffic {
  private readonly clients = new Map<string, ClientCount>();

  count(clientId: string, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    let c = this.clients.get(clientId);
    if (!c) {
      c = { total: 0, maxPerSecond: 0, perSecond: new Map() };
      this.clients.set(clientId, c);
    }
    const before = c.perSecond.get(second);
    const n = (before ?? 0) + 1;
    c.perSecond.set(second, n);
    c.total += 1;
    if (n > c.maxPerSecond) c.maxPerSecond = n;
    if (before === undefined) {
      for (const s of c.perSecond.keys()) if (s <= second - KEPT_SECONDS) c.perSecond.delete(s);
    }
  }

  toJSON(): Record<string, ClientTrafficJson> {
    const out: Record<string, ClientTrafficJson> = {};
    for (const [id, c] of this.clients) {
      out[id] = { total: c.total, maxPerSecond: c.maxPerSecond, perSecond: Object.fromEntries(c.perSecond) };
    }
    return out;
  }
}

/** Fixed one-second windows per client: how many requests each client made in its current second. */
export class SecondWindows {
  private readonly windows = new Map<string, { second: number; n: number }>();

  /** Counts one request and answers how many the client has made in this second, this one included. */
  hit(clientId: string, nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    const w = this.windows.get(clientId);
    if (!w || w.second !== second) {
      this.windows.set(clientId, { second, n: 1 });
      return 1;
    }
    w.n += 1;
    return w.n;
  }
}
