/** Fault injection for the portal's tests over real HTTP: what can go wrong, where, and how often. */
import { z } from "zod";
import { randomId, seededRandom } from "../util/random";
import { SecondWindows } from "./traffic";

export const FAULT_TARGETS = ["token", "fhir", "register", "revoke", "all"] as const;
export type FaultTarget = Exclude<(typeof FAULT_TARGETS)[number], "all">;

export const faultSpecSchema = z
  .strictObject({
    target: z.enum(FAULT_TARGETS),
    mode: z.enum(["status", "hang", "malformed-json", "html-error", "latency", "drop-after-refresh", "rate-limit"]),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** rate-limit: requests each client may make per second of the sandbox clock; the rest get 429. */
    perSecond: z.number().int().min(1).max(1_000_000).optional(),
    /** rate-limit: one window per client (default), or one for every request to the target (`server`). */
    per: z.enum(["client", "server"]).optional(),
    rate: z.number().min(0).max(1).default(1),
    count: z.number().int().min(1).optional(),
    grantType: z.enum(["refresh_token", "authorization_code"]).optional(),
    seed: z.number().int().optional(),
  })
  .refine((f) => f.mode !== "drop-after-refresh" || f.target === "token" || f.target === "all", {
    message: "drop-after-refresh applies to the token endpoint only (target token or all).",
  })
  .refine((f) => f.mode !== "rate-limit" || (f.perSecond !== undefined && ["fhir", "token", "all"].includes(f.target)), {
    message: "rate-limit needs perSecond and a target of fhir, token or all.",
  })
  .refine((f) => f.mode === "rate-limit" || (f.perSecond === undefined && f.per === undefined), { message: "perSecond and per apply to rate-limit faults only." });
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: string;
  fired: number;
  random: () => number;
  /** rate-limit only: each client's requests in its current second. */
  windows?: SecondWindows;
}

export class Faults {
  private faults: Fault[] = [];
  onFire: () => void = () => {};

  add(spec: FaultSpec): Fault {
    const random = spec.seed === undefined ? Math.random : seededRandom(spec.seed);
    const fault: Fault = { ...spec, id: randomId(), fired: 0, random, ...(spec.mode === "rate-limit" ? { windows: new SecondWindows() } : {}) };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  list(): Omit<Fault, "random" | "windows">[] {
    return this.faults.map(({ random: _random, windows: _windows, ...rest }) => rest);
  }

  /**
   * The faults that fire for this request, in the order they were added (only latency faults with `latencyOnly`:
   * the request is already refused). Each counts as fired, except drop-after-refresh, which counts only when
   * `consume` says a refresh was really dropped. Rate limits are `limit`'s.
   */
  fire(target: FaultTarget, grantType: string | undefined, latencyOnly = false): Fault[] {
    const fired: Fault[] = [];
    for (const f of this.faults) {
      if (f.target !== "all" && f.target !== target) continue;
      if (f.mode === "rate-limit" || (latencyOnly && f.mode !== "latency")) continue;
      if (f.mode === "drop-after-refresh" && (target !== "token" || grantType !== (f.grantType ?? "refresh_token"))) continue;
      if (f.grantType && target === "token" && f.grantType !== grantType) continue;
      if (f.count !== undefined && f.fired >= f.count) continue;
      if (f.random() >= f.rate) continue;
      if (f.mode !== "drop-after-refresh") this.consume(f);
      fired.push(f);
    }
    return fired;
  }

  /**
   * Counts a request of `clientId` in every rate-limit fault for `target`, and answers the first fault whose
   * limit this request exceeds (it counts as fired). Per client, requests that name no client are never
   * limited; `per: "server"` counts every request in one window.
   */
  limit(target: FaultTarget, clientId: string | undefined, now: number): Fault | undefined {
    let over: Fault | undefined;
    for (const f of this.faults) {
      if (f.mode !== "rate-limit" || !f.windows || (f.target !== "all" && f.target !== target)) continue;
      const key = f.per === "server" ? "*" : clientId;
      if (key === undefined) continue;
      const n = f.windows.hit(key, now);
      if (over || n <= (f.perSecond ?? Infinity) || (f.count !== undefined && f.fired >= f.count)) continue;
      this.consume(f);
      over = f;
    }
    return over;
  }

  consume(fault: Fault): void {
    fault.fired += 1;
    this.onFire();
  }
}
