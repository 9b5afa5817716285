/** Fault injection for the portal's tests over real HTTP: what can go wrong, where, and how often. */
import { z } from "zod";
import { randomId, seededRandom } from "../util/random";

export const FAULT_TARGETS = ["token", "fhir", "register", "revoke", "all"] as const;
export type FaultTarget = Exclude<(typeof FAULT_TARGETS)[number], "all">;

export const faultSpecSchema = z
  .strictObject({
    target: z.enum(FAULT_TARGETS),
    mode: z.enum(["status", "hang", "malformed-json", "html-error", "latency", "drop-after-refresh"]),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    rate: z.number().min(0).max(1).default(1),
    count: z.number().int().min(1).optional(),
    grantType: z.enum(["refresh_token", "authorization_code"]).optional(),
    seed: z.number().int().optional(),
  })
  .refine((f) => f.mode !== "drop-after-refresh" || f.target === "token" || f.target === "all", {
    message: "drop-after-refresh applies to the token endpoint only (target token or all).",
  });
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: string;
  fired: number;
  random: () => number;
}

export class Faults {
  private faults: Fault[] = [];
  onFire: () => void = () => {};

  add(spec: FaultSpec): Fault {
    const fault = { ...spec, id: randomId(), fired: 0, random: spec.seed === undefined ? Math.random : seededRandom(spec.seed) };
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

  list(): Omit<Fault, "random">[] {
    return this.faults.map(({ random: _random, ...rest }) => rest);
  }

  /**
   * The faults that fire for this request, in the order they were added. Each counts as fired,
   * except drop-after-refresh, which counts only when `consume` says a refresh was really dropped.
   */
  fire(target: FaultTarget, grantType: string | undefined): Fault[] {
    const fired: Fault[] = [];
    for (const f of this.faults) {
      if (f.target !== "all" && f.target !== target) continue;
      if (f.mode === "drop-after-refresh" && (target !== "token" || grantType !== (f.grantType ?? "refresh_token"))) continue;
      if (f.grantType && target === "token" && f.grantType !== grantType) continue;
      if (f.count !== undefined && f.fired >= f.count) continue;
      if (f.random() >= f.rate) continue;
      if (f.mode !== "drop-after-refresh") this.consume(f);
      fired.push(f);
    }
    return fired;
  }

  consume(fault: Fault): void {
    fault.fired += 1;
    this.onFire();
  }
}
