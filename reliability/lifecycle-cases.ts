/**
 * The connection lifecycle under faults, against the built portal's database and the sandbox:
 *   - crash during a sync: `scripts/sync.ts --once --all` (the portal's environment) SIGKILLed
 *     mid-pass while the sandbox's token endpoint is slowed, then run again to completion;
 *   - `drop-after-refresh` for a share of refreshes (the EHR rotates, the answer never arrives):
 *     within one pass each dropped connection is retried and flagged "refresh response lost";
 *   - `status 500` and `status 429` before the sandbox acts: nothing flagged, nothing lost, and
 *     each refused one refreshes at its next try (staff "Refresh now").
 * Every connection ends connected with working tokens, or flagged with the lost-refresh reason;
 * "lost" (broken without being flagged) must stay 0.
 */
import { spawn } from "node:child_process";
import type { Context } from "./cases";
import { postAction, signInStaff } from "./staff-cases";
import { formFields } from "./flow";
import { expect, sleep } from "./support";

export const LIFECYCLE = "lifecycle";
const REFRESH_LOST_REASON = "Needs reconnecting — refresh response lost.";
const REFRESH_PENDING = "refresh-pending";

type Row = {
  id: string;
  participantId: string;
  patientId: string;
  status: string;
  statusReason: string | null;
  leaseOwner: string | null;
  leaseUntil: number | string | null;
  tokenVersion: number;
  accessTokenEnc: string | null;
  refreshTokenEnc: string | null;
  fhirBaseUrl: string;
  hsName: string;
};

export type LifecycleFigures = { flaggedLostRefresh: number; lostConnections: number; syncKilledAfterRefreshes: number };

function syncPass(ctx: Context, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/sync.ts", "--once", "--all"], {
    // EHR_TIMEOUT_MS 2000: a killed pass's refresh leases (2 × timeout + 5 s) expire within 9 s.
    env: { ...ctx.portal.env, LOG_LEVEL: "info", EHR_TIMEOUT_MS: "2000", SYNC_LEASE_SECONDS: "5", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
  return { child, done };
}

async function admin(ctx: Context, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${ctx.sandbox.url}/_sandbox${path}`, { method, headers: { "content-type": "application/json" }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

async function firedCount(ctx: Context): Promise<number> {
  const list = (await admin(ctx, "GET", "/faults")) as { fired?: number }[] | { faults?: { fired?: number }[] };
  const faults = Array.isArray(list) ? list : (list.faults ?? []);
  return faults.reduce((n, f) => n + (f.fired ?? 0), 0);
}

/** Runs `count` tasks, `concurrency` at a time. */
async function each<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

export async function lifecycleCases(ctx: Context, crashPatients: string[]): Promise<LifecycleFigures> {
  const { db, rec } = ctx;
  const figures: LifecycleFigures = { flaggedLostRefresh: 0, lostConnections: 0, syncKilledAfterRefreshes: 0 };
  const check = (name: string, fn: () => Promise<string | void>) => rec.check(LIFECYCLE, name, fn);
  const rows = () =>
    db.rows<Row>(
      `SELECT c.id, c.participantId, c.patientId, c.status, c.statusReason, c.leaseOwner, c.leaseUntil, c.tokenVersion, c.accessTokenEnc, c.refreshTokenEnc, h.fhirBaseUrl, h.name AS hsName
       FROM "Connection" c JOIN "HealthSystem" h ON h.id = c.healthSystemId`,
    );
  // Connections at the sandbox (the hostile EHR's are its own business).
  const atSandbox = () => rows().filter((r) => r.hsName !== ctx.names.hostile);
  const byId = () => new Map(rows().map((r) => [r.id, r]));

  /** Works at the EHR: the stored access token reads the connection's own Patient. */
  const tokenWorks = async (r: Row) => {
    if (!r.accessTokenEnc || !r.refreshTokenEnc) return false;
    const res = await fetch(`${r.fhirBaseUrl}/Patient/${encodeURIComponent(r.patientId)}`, { headers: { authorization: `Bearer ${db.unseal(r.accessTokenEnc, { table: "Connection", column: "accessTokenEnc", rowId: r.id })}`, accept: "application/fhir+json" } });
    await res.arrayBuffer();
    return res.status === 200;
  };
  /** Connected ones whose tokens no longer work, and connected ones left with a lease or a pending mark. */
  const broken = async (list: Row[]) => {
    const bad: string[] = [];
    await each(list.filter((r) => r.status === "connected"), 16, async (r) => {
      if (r.leaseOwner) bad.push(`${r.id}: still leased by ${r.leaseOwner}`);
      else if (!(await tokenWorks(r))) bad.push(`${r.id}: connected, but its access token does not work`);
    });
    return bad;
  };

  // ---------------------------------------------------------------- crash during a sync
  const targets = rows().filter((r) => crashPatients.includes(r.patientId) && r.hsName === ctx.names.s4s);
  await check(`SIGKILL during a sync pass (${targets.length} connections' access tokens expired at the EHR), restart to completion: no lease left, none lost`, async () => {
    expect(targets.length >= 30, `only ${targets.length} connections to sync`);
    let expired = 0;
    for (const r of targets) expired += ((await admin(ctx, "POST", "/expire", { token: db.unseal(r.accessTokenEnc!, { table: "Connection", column: "accessTokenEnc", rowId: r.id }) })) as { expired: number }).expired;
    expect(expired >= targets.length, `the sandbox expired ${expired} of ${targets.length}`);
    await admin(ctx, "POST", "/faults", { target: "token", mode: "latency", latencyMs: 150 });
    const before = new Map(rows().map((r) => [r.id, r.tokenVersion]));
    const wasConnected = new Set(rows().filter((r) => r.status === "connected").map((r) => r.id));
    const first = syncPass(ctx);
    const deadline = Date.now() + 30_000;
    let refreshed = 0;
    while (Date.now() < deadline && first.child.exitCode === null) {
      refreshed = rows().filter((r) => r.tokenVersion > (before.get(r.id) ?? 0)).length;
      if (refreshed >= 40) break;
      await sleep(100);
    }
    expect(first.child.exitCode === null, "the pass ended before it could be killed");
    process.kill(-first.child.pid!, "SIGKILL");
    await first.done;
    figures.syncKilledAfterRefreshes = refreshed;
    await admin(ctx, "DELETE", "/faults");
    const leased = rows().filter((r) => r.leaseOwner).length;
    await sleep(9_500); // the killed pass's leases (≤ 2 × EHR timeout + 5 s) expire
    const restartedAt = Date.now();
    const second = await syncPass(ctx).done;
    expect(second.code === 0, `the second pass exited ${second.code ?? second.signal}: ${second.output.slice(-400)}`);
    const now = byId();
    const stuck = [...now.values()].filter((r) => r.leaseOwner || (r.status === "connected" && r.statusReason === REFRESH_PENDING));
    expect(stuck.length === 0, `${stuck.length} connections still leased or refresh-pending, e.g. ${stuck[0]?.id}`);
    // Every connection at the sandbox the pass could sync (connected before it), the expired ones among them.
    const synced = [...now.values()].filter((r) => r.hsName !== ctx.names.hostile && wasConnected.has(r.id));
    const flagged = synced.filter((r) => r.status === "needs_reconnect" && r.statusReason === REFRESH_LOST_REASON);
    const connected = synced.filter((r) => r.status === "connected");
    const otherwise = synced.filter((r) => !flagged.includes(r) && !connected.includes(r));
    const bad = await broken(connected);
    const notRefreshed = connected.filter((r) => r.tokenVersion <= (before.get(r.id) ?? 0));
    const targetsConnected = targets.filter((t) => now.get(t.id)?.status === "connected").length;
    figures.flaggedLostRefresh += flagged.length;
    figures.lostConnections += otherwise.length + bad.length + notRefreshed.length;
    expect(otherwise.length === 0, `${otherwise.length} broken without the lost-refresh flag, e.g. ${otherwise[0]?.status} ${otherwise[0]?.statusReason}`);
    expect(bad.length === 0, `${bad.length} broken: ${bad.slice(0, 3).join("; ")}`);
    expect(notRefreshed.length === 0, `${notRefreshed.length} connected but never refreshed`);
    return `${connected.length} connected and refreshed, ${flagged.length} flagged "refresh response lost", 0 lost, of ${synced.length} (${targets.length} with expired access tokens, ${targetsConnected} of them connected); killed after ${refreshed} refreshes with ${leased} leases held; rerun took ${Math.round((Date.now() - restartedAt) / 1000)} s`;
  });

  // ---------------------------------------------------------------- drop-after-refresh
  const coordinator = await signInStaff(ctx, "coordinator");
  const refreshNow = async (r: Row) => {
    const page = `/dashboard/participants/${r.participantId}`;
    const form = await formFields(coordinator, page, "Refresh now");
    form.set("connectionId", r.id);
    return postAction(coordinator, ctx.portal.url, page, form);
  };

  await check("drop-after-refresh on a share of refreshes, one sync pass: every dropped one flagged \"refresh response lost\", none silently broken", async () => {
    const flaggedBefore = new Set(rows().filter((r) => r.status === "needs_reconnect").map((r) => r.id));
    await admin(ctx, "POST", "/faults", { target: "token", mode: "drop-after-refresh", grantType: "refresh_token", rate: 0.1, seed: 23, count: 12 });
    const pass = await syncPass(ctx).done;
    expect(pass.code === 0, `the pass exited ${pass.code ?? pass.signal}: ${pass.output.slice(-400)}`);
    const dropped = await firedCount(ctx);
    await admin(ctx, "DELETE", "/faults");
    const list = atSandbox().filter((r) => !flaggedBefore.has(r.id));
    const flagged = list.filter((r) => r.status === "needs_reconnect" && r.statusReason === REFRESH_LOST_REASON);
    const otherwise = list.filter((r) => r.status !== "connected" && !flagged.includes(r));
    const pending = list.filter((r) => r.status === "connected" && r.statusReason === REFRESH_PENDING);
    const bad = await broken(list);
    figures.flaggedLostRefresh += flagged.length;
    figures.lostConnections += otherwise.length + pending.length + bad.length + Math.max(0, dropped - flagged.length);
    expect(dropped > 0, "no refresh was dropped");
    expect(flagged.length === dropped, `${dropped} refreshes dropped, ${flagged.length} connections flagged "refresh response lost"`);
    expect(otherwise.length === 0 && pending.length === 0, `${otherwise.length} flagged for another reason, ${pending.length} left refresh-pending`);
    expect(bad.length === 0, `${bad.length} broken without a flag: ${bad.slice(0, 3).join("; ")}`);
    return `${dropped} dropped among ${list.length} connections; ${flagged.length} flagged "refresh response lost"; the other ${list.length - flagged.length} connected with working tokens`;
  });

  for (const status of [500, 429]) {
    await check(`status ${status} on a share of refreshes before the EHR acts, one sync pass: nothing flagged, nothing lost, each refreshes next time`, async () => {
      const flaggedBefore = new Set(rows().filter((r) => r.status === "needs_reconnect").map((r) => r.id));
      const versions = new Map(rows().map((r) => [r.id, r.tokenVersion]));
      await admin(ctx, "POST", "/faults", { target: "token", mode: "status", status, retryAfterSeconds: 1, grantType: "refresh_token", rate: 0.1, seed: status, count: 10 });
      const pass = await syncPass(ctx).done;
      expect(pass.code === 0, `the pass exited ${pass.code ?? pass.signal}: ${pass.output.slice(-400)}`);
      const faulted = await firedCount(ctx);
      await admin(ctx, "DELETE", "/faults");
      const list = atSandbox().filter((r) => !flaggedBefore.has(r.id));
      const flagged = list.filter((r) => r.status !== "connected");
      const pending = list.filter((r) => r.statusReason === REFRESH_PENDING);
      const failed = list.filter((r) => r.tokenVersion === versions.get(r.id));
      expect(faulted > 0, "no refresh was faulted");
      expect(flagged.length === 0, `${flagged.length} flagged, e.g. ${flagged[0]?.statusReason}`);
      expect(pending.length === 0, `${pending.length} left refresh-pending`);
      expect(failed.length <= faulted, `${failed.length} not refreshed, ${faulted} faulted`);
      const bad = await broken(list);
      figures.lostConnections += bad.length;
      expect(bad.length === 0, `${bad.length} broken: ${bad.slice(0, 3).join("; ")}`);
      // The ones the EHR refused refresh at the next try (their refresh token was never used).
      for (const r of failed) await refreshNow(r);
      const now = byId();
      const stillOld = failed.filter((r) => now.get(r.id)!.status !== "connected" || now.get(r.id)!.tokenVersion !== r.tokenVersion + 1);
      figures.lostConnections += stillOld.length;
      expect(stillOld.length === 0, `${stillOld.length} of the faulted ones did not refresh afterwards, e.g. ${now.get(stillOld[0]?.id ?? "")?.statusReason}`);
      return `${faulted} refreshes answered ${status} among ${list.length} connections; 0 flagged; ${list.length - failed.length} refreshed in the pass, ${failed.length} left for later and refreshed by "Refresh now"`;
    });
  }
  return figures;
}
