/**
 * Benchmark `flood`: what a staff sign-in flood does to the participants' pages. A participant
 * page (GET /connect) is timed alone, then while FLOOD_WORKERS clients post sign-ins as fast as
 * they can for unknown emails, each with a new X-Forwarded-For (the review's attack, issue #16
 * finding 1), all from this one machine. Reports page latency (p50/p95) idle and under the flood,
 * how many sign-in attempts were made, and how many reached the password check (Argon2). For
 * scale, the same page is also timed under an equal flood of requests that do no sign-in at all
 * (GET /api/staff-auth/csrf): what is left of the slowdown then is the HTTP load itself, with the
 * load generator on the same cores.
 */
import { startSandbox } from "../../sandbox/server";
import { startPortal } from "../support/portal";
import { percentile, round } from "../support/stats";

const FLOOD_WORKERS = 50;
const SAMPLES = 60;

async function timePage(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/connect`, { headers: { connection: "close" } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/connect answered ${res.status}`);
  return performance.now() - started;
}

async function samples(url: string): Promise<number[]> {
  const list: number[] = [];
  for (let i = 0; i < SAMPLES; i++) list.push(await timePage(url));
  return list;
}

/** One sign-in for an unknown email, with a forged X-Forwarded-For; the refusal's code ("credentials": the password was checked). */
async function signIn(url: string, n: number): Promise<string> {
  const csrf = await fetch(`${url}/api/staff-auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/staff-auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url, cookie, "x-forwarded-for": `198.51.${(n >> 8) & 255}.${n & 255}` },
    body: new URLSearchParams({ csrfToken, email: `flood-${n}@example.org`, password: "not the password", callbackUrl: `${url}/dashboard` }),
  });
  await res.arrayBuffer();
  return new URL(res.headers.get("location") ?? "/", url).searchParams.get("code") ?? "";
}

/** Page samples taken while FLOOD_WORKERS loops run `request` without pause. */
async function during(request: () => Promise<void>, url: string): Promise<number[]> {
  let stop = false;
  const flood = Promise.all(
    Array.from({ length: FLOOD_WORKERS }, async () => {
      while (!stop) await request();
    }),
  );
  await new Promise((r) => setTimeout(r, 2_000)); // the flood is under way
  const list = await samples(url);
  stop = true;
  await flood;
  return list;
}

export async function run(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 9794, quiet: true });
  const portal = await startPortal({ port: 3794, sandboxUrl: sandbox.url, name: "flood" });
  try {
    for (let i = 0; i < 20; i++) await timePage(portal.url); // warm-up
    const idle = await samples(portal.url);
    let attempts = 0;
    let checked = 0;
    const flooded = await during(async () => {
      const code = await signIn(portal.url, attempts++).catch(() => "error");
      if (code === "credentials") checked++;
    }, portal.url);
    const baseline = await during(async () => {
      const res = await fetch(`${portal.url}/api/staff-auth/csrf`).catch(() => null);
      await res?.arrayBuffer();
      await fetch(`${portal.url}/api/staff-auth/csrf`).then((r) => r.arrayBuffer(), () => null);
    }, portal.url);
    return {
      participantPageP50Ms_idle: round(percentile(idle, 50)),
      participantPageP95Ms_idle: round(percentile(idle, 95)),
      participantPageP50Ms_flood: round(percentile(flooded, 50)),
      participantPageP95Ms_flood: round(percentile(flooded, 95)),
      floodAttempts: attempts,
      floodPasswordChecks: checked,
      participantPageP50Ms_plainFlood: round(percentile(baseline, 50)),
      participantPageP95Ms_plainFlood: round(percentile(baseline, 95)),
    };
  } finally {
    await portal.stop();
    await sandbox.close();
  }
}
