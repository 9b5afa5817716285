/**
 * The bad-input matrix, over real HTTP against the built portal: the participant's side (callback
 * parameters, state and code replay, open redirects, cross-site server-action posts, oversized
 * forms, path tricks, hostile searches), the edges (server-side requests toward private and
 * metadata addresses through ehr:add), and the EHR side (the sandbox's fault injection and the
 * hostile EHR in reliability/hostile-ehr.ts). Every case asserts a clear response, no crash (the
 * portal still answers), no detail leaked, and nothing partially stored.
 *
 * Extension point: the dashboard and lifecycle cases belong in a new `…Cases(ctx)` function
 * called from reliability/run.ts, using the same `ctx` (portal, database, recorder).
 */
import { Browser } from "../sandbox/test/browser";
import type { RunningSandbox } from "../sandbox/server";
import { connectingTarget } from "../lib/enrollment/connecting-page";
import { approveAtHostile, approveAtSandbox, deliverCallback, enrollAtSandbox, formFields, startEnrollment } from "./flow";
import { PATIENT_MODES, TOKEN_MODES, XSS_NAME, type HostileEhr } from "./hostile-ehr";
import { ehrAdd, expect, type Portal, type Recorder, type RunDatabase } from "./support";

export type Context = {
  portal: Portal;
  db: RunDatabase;
  rec: Recorder;
  sandbox: RunningSandbox;
  hostile: HostileEhr;
  names: { s4s: string; v2: string; perParticipant: string; hostile: string };
  /** Every HTML body and Set-Cookie header the participant side received (for the leak scan). */
  served: string[];
  nextUser(): { username: string };
};

export const BAD_INPUT = "bad input";
export const EHR_FAULTS = "EHR faults";
export const HEADERS = "headers and cookies";

/** Text that must never reach a participant: stack traces, file paths, internals. */
const DETAIL = /node_modules|\/work\/|\bat [\w.<>$]+ \([^)]*:\d+:\d+\)|PrismaClient|SQLITE_|ECONNREFUSED|ECONNRESET|UND_ERR|ZodError|invalid_grant|Internal Server Error<\/h1><pre>/;
const EVIL = "https://evil.example";

type Answer = { status: number; location: string; body: string; setCookies: string[] };

async function get(ctx: Context, path: string, init: RequestInit & { browser?: Browser } = {}): Promise<Answer> {
  const browser = init.browser ?? new Browser(ctx.portal.url);
  // Absolute, so a path like //evil.example/ stays a path on the portal.
  const res = await browser.fetch(path.startsWith("/") ? `${ctx.portal.url}${path}` : path, init);
  const answer = { status: res.status, location: res.headers.get("location") ?? "", body: await res.text(), setCookies: res.headers.getSetCookie() };
  ctx.served.push(answer.body, ...answer.setCookies);
  return answer;
}

function clean(a: Answer, allowed: number[]) {
  expect(allowed.includes(a.status), `answered ${a.status}, expected ${allowed.join("/")}`);
  const leak = DETAIL.exec(a.body);
  expect(!leak, `the response shows internal detail: ${leak?.[0]}`);
}

function sameOrigin(ctx: Context, location: string) {
  if (!location) return;
  const target = new URL(location, ctx.portal.url);
  expect(target.origin === ctx.portal.url || target.origin === ctx.sandbox.url, `redirects off-site to ${target.origin}`);
}

function problem(a: Answer, reasons: string[]): string {
  clean(a, [303, 302, 307]);
  const reason = /\/connect\/problem\?reason=([\w-]+)/.exec(a.location)?.[1];
  expect(reason && reasons.includes(reason), `went to ${a.location || "(nowhere)"}, expected the problem page for ${reasons.join(" or ")}`);
  return `→ ${reason}`;
}

/** Runs a case: it must leave participants, connections and snapshots as they were, and the portal up. */
async function unchanged(ctx: Context, group: string, name: string, fn: () => Promise<string | void>, allowConnection = false) {
  await ctx.rec.check(group, name, async () => {
    const before = ctx.db.counts();
    const detail = await fn();
    const after = ctx.db.counts();
    if (!allowConnection) {
      expect(after.participants === before.participants && after.connections === before.connections, `stored something: participants ${before.participants}→${after.participants}, connections ${before.connections}→${after.connections}`);
    }
    expect(after.snapshots - before.snapshots <= after.connections - before.connections, "stored a snapshot without a connection");
    const alive = await fetch(`${ctx.portal.url}/`, { headers: { connection: "close" } }).catch(() => null);
    expect(alive?.status === 200, "the portal stopped answering");
    return detail;
  });
}

/** A callback with its parameters replaced; `base` comes from a real approval at the sandbox. */
function withParams(base: URL, edit: (p: URLSearchParams) => void, raw?: string): string {
  const u = new URL(base);
  edit(u.searchParams);
  return raw === undefined ? u.toString() : `${u.origin}${u.pathname}?${raw}`;
}

// ------------------------------------------------------------------ the participant's side

export async function portalCases(ctx: Context): Promise<void> {
  const { s4s, v2 } = ctx.names;
  const hsId = ctx.db.healthSystemId(s4s);
  const cb = `/api/auth/callback/ehr-${hsId}`;

  // A fresh flow at the sandbox, up to the callback URL the EHR sends back.
  const approved = async (hs = s4s) => {
    const flow = await startEnrollment(ctx.portal.url, hs);
    const callback = await approveAtSandbox(flow.authorize, ctx.nextUser());
    return { ...flow, callback };
  };

  // Callback parameters: missing, repeated, oversized, unicode, injected.
  const tamper: [string, (p: URLSearchParams) => void, string[], string?][] = [
    ["no parameters", (p) => [...p.keys()].forEach((k) => p.delete(k)), ["state", "ehr-invalid"]],
    ["code missing", (p) => p.delete("code"), ["ehr-invalid"]],
    ["state missing", (p) => p.delete("state"), ["state"]],
    ["code repeated", (p) => p.append("code", "second"), ["state"]],
    ["state repeated", (p) => p.append("state", "second"), ["state"]],
    ["error repeated", (p) => (p.append("error", "access_denied"), p.append("error", "server_error")), ["state"]],
    ["code oversized (10 KB)", (p) => p.set("code", "c".repeat(10_000)), ["state"]],
    ["state oversized (10 KB)", (p) => p.set("state", "s".repeat(10_000)), ["state"]],
    ["iss oversized (10 KB)", (p) => p.set("iss", "i".repeat(10_000)), ["state"]],
    ["code in unicode (RTL override, emoji, NUL)", (p) => p.set("code", "c\u202eode🙂\u0000"), ["expired", "ehr-refused", "ehr-invalid", "state"]],
    ["state in unicode", (p) => p.set("state", "ştäte\u202e🙂"), ["state"]],
    ["code with HTML injected", (p) => p.set("code", `<script>alert(1)</script>`), ["expired", "ehr-refused", "ehr-invalid", "state"]],
    ["state with SQL injected", (p) => p.set("state", `' OR 1=1 --`), ["state"]],
    ["error with HTML injected", (p) => p.set("error", `<img src=x onerror=alert(1)>`), ["ehr-refused"]],
    ["error=access_denied without state (S4S)", (p) => (p.delete("state"), p.delete("code"), p.set("error", "access_denied")), ["declined"]],
    ["error_description oversized", (p) => (p.set("error", "server_error"), p.set("error_description", "d".repeat(10_000))), ["state"]],
    ["forged state", (p) => p.set("state", "forged-state-value"), ["state"]],
    ["iss of another server", (p) => p.set("iss", EVIL), ["state"]],
    ["CRLF in code (header injection)", (p) => p.set("code", "abc\r\nSet-Cookie: evil=1"), ["expired", "ehr-refused", "ehr-invalid", "state"]],
  ];
  for (const [name, edit, reasons] of tamper) {
    await unchanged(ctx, BAD_INPUT, `callback: ${name}`, async () => {
      const flow = await approved();
      const a = await deliverCallback(flow.browser, withParams(flow.callback, edit));
      expect(!a.setCookies.some((c) => /^evil=/.test(c)), "an injected header became a cookie");
      return problem(a, reasons);
    });
  }

  await unchanged(ctx, BAD_INPUT, "callback: state of another browser (login CSRF)", async () => {
    const victim = await startEnrollment(ctx.portal.url, s4s);
    const attacker = await approved();
    return problem(await deliverCallback(victim.browser, attacker.callback), ["state", "expired", "ehr-refused"]);
  });
  await unchanged(ctx, BAD_INPUT, "callback: without the attempt cookie", async () => {
    const flow = await approved();
    // Another browser than the one that started (a phone handing the link to another app): said so.
    return problem(await deliverCallback(new Browser(ctx.portal.url), flow.callback), ["other-browser"]);
  });
  await unchanged(ctx, BAD_INPUT, "callback: for another health system than the one chosen", async () => {
    const flow = await approved();
    const other = ctx.db.healthSystemId(v2);
    return problem(await deliverCallback(flow.browser, flow.callback.toString().replace(`ehr-${hsId}`, `ehr-${other}`)), ["state"]);
  });
  await ctx.rec.check(BAD_INPUT, "callback: replayed (the same callback twice)", async () => {
    const flow = await approved();
    const first = await deliverCallback(flow.browser, flow.callback);
    expect(first.location.endsWith("/connect/done"), `the first callback went to ${first.location}`);
    const before = ctx.db.counts();
    const again = await deliverCallback(flow.browser, flow.callback);
    const after = ctx.db.counts();
    expect(after.connections === before.connections && after.participants === before.participants, "the replay stored something");
    // Already connected, in the same browser: My study says so (not an error page).
    clean(again, [303]);
    expect(again.location.endsWith("/me?notice=already-connected"), `the replay went to ${again.location}`);
    return `→ ${again.location}`;
  });
  await unchanged(ctx, BAD_INPUT, "callback: code replayed into a new sign-in", async () => {
    const first = await approved();
    const done = await deliverCallback(first.browser, first.callback);
    expect(done.location.endsWith("/connect/done"), "the first enrollment failed");
    const second = await startEnrollment(ctx.portal.url, s4s);
    const state = new URL(second.authorize).searchParams.get("state") ?? "";
    const replay = withParams(first.callback, (p) => p.set("state", state));
    return problem(await deliverCallback(second.browser, replay), ["expired", "ehr-refused", "ehr-invalid", "state"]);
  }, true);
  for (const [name, path] of [
    ["provider id with path traversal", "/api/auth/callback/..%2F..%2Fetc%2Fpasswd?code=x&state=y"],
    ["provider id of an unknown health system", "/api/auth/callback/ehr-doesnotexist?code=x&state=y"],
    ["provider id with NUL and unicode", "/api/auth/callback/ehr-%00%E2%80%AE?code=x&state=y"],
  ] as const) {
    await unchanged(ctx, BAD_INPUT, `callback: ${name}`, async () => {
      const a = await get(ctx, path);
      clean(a, [302, 303, 307, 400, 404]);
      sameOrigin(ctx, a.location);
      return `${a.status} ${a.location}`;
    });
  }
  await unchanged(ctx, BAD_INPUT, "callback: POST instead of GET", async () => {
    const a = await get(ctx, `${cb}?code=x&state=y`, { method: "POST", body: "code=x&state=y", headers: { "content-type": "application/x-www-form-urlencoded" } });
    clean(a, [405]);
    return "405";
  });

  // Open redirects through next-auth's return-to parameters and the portal's own routes.
  const redirects: [string, string, RequestInit?][] = [
    ["signin callbackUrl", `/api/auth/signin?callbackUrl=${encodeURIComponent(EVIL)}`],
    ["signin callbackUrl protocol-relative", `/api/auth/signin?callbackUrl=${encodeURIComponent("//evil.example/x")}`],
    ["signin callbackUrl backslash", `/api/auth/signin?callbackUrl=${encodeURIComponent("/\\evil.example")}`],
    ["signin/<provider> callbackUrl", `/api/auth/signin/ehr-${hsId}?callbackUrl=${encodeURIComponent(EVIL)}`],
    ["signout callbackUrl", `/api/auth/signout?callbackUrl=${encodeURIComponent(EVIL)}`],
    ["signout POST callbackUrl", `/api/auth/signout`, { method: "POST", body: new URLSearchParams({ callbackUrl: EVIL }), headers: { "content-type": "application/x-www-form-urlencoded" } }],
    ["error page with redirectTo", `/api/auth/error?error=Configuration&redirectTo=${encodeURIComponent(EVIL)}`],
    ["/connect?redirectTo=", `/connect?redirectTo=${encodeURIComponent(EVIL)}&callbackUrl=${encodeURIComponent(EVIL)}`],
    ["/me?next=", `/me?next=${encodeURIComponent(EVIL)}&returnTo=${encodeURIComponent(EVIL)}`],
    ["double-slash path", `//evil.example/`],
  ];
  for (const [name, path, init] of redirects) {
    await unchanged(ctx, BAD_INPUT, `open redirect: ${name}`, async () => {
      const a = await get(ctx, path, init);
      clean(a, [200, 302, 303, 307, 308, 400, 404, 405]);
      sameOrigin(ctx, a.location);
      expect(!/https:\/\/evil\.example|\/\/evil\.example/.test(a.location), `Location points at ${a.location}`);
      return `${a.status}${a.location ? ` → ${new URL(a.location, ctx.portal.url).pathname}` : ""}`;
    });
  }
  await unchanged(ctx, BAD_INPUT, "open redirect: callbackUrl cookie set to another site before the callback", async () => {
    const flow = await approved();
    const cookie = `${(await cookieHeader(flow.browser))}; authjs.callback-url=${encodeURIComponent(EVIL)}; __Secure-authjs.callback-url=${encodeURIComponent(EVIL)}`;
    const connecting = await fetch(flow.callback, { redirect: "manual", headers: { cookie } });
    const next = connectingTarget(await connecting.text());
    const res = next ? await fetch(new URL(next, ctx.portal.url), { redirect: "manual", headers: { cookie } }) : connecting;
    const location = res.headers.get("location") ?? "";
    expect(!location.includes("evil.example"), `went to ${location}`);
    sameOrigin(ctx, location);
    return `→ ${new URL(location, ctx.portal.url).pathname}`;
  }, true);

  // Cross-site posts to the server actions (another site's Origin), and oversized posts.
  const crossSite = async (path: string, button: string, browser: Browser, origin: string, extra: Record<string, string> = {}) => {
    const body = await formFields(browser, path, button);
    for (const [k, v] of Object.entries(extra)) body.append(k, v);
    return get(ctx, path, { method: "POST", body, headers: { origin }, browser });
  };
  for (const origin of [EVIL, "null", "http://localhost.evil.example"]) {
    await unchanged(ctx, BAD_INPUT, `cross-site consent post (Origin: ${origin})`, async () => {
      const browser = new Browser(ctx.portal.url);
      const a = await crossSite("/connect", "Continue", browser, origin, { agree: "yes" });
      expect(a.status !== 303 || !a.location.includes("/connect/choose"), "the cross-site consent was accepted");
      expect(!a.setCookies.some((c) => /consent/i.test(c) && !/max-age=0/i.test(c)), "a consent cookie was set");
      clean(a, [403]);
      return refusal(a.status);
    });
  }
  await unchanged(ctx, BAD_INPUT, "cross-site \"Connect to\" post", async () => {
    const { browser } = await startEnrollment(ctx.portal.url, s4s);
    const attempts = ctx.db.counts().attempts;
    const a = await crossSite("/connect/choose", `Connect to ${s4s}`, browser, EVIL);
    expect(!a.location.includes(ctx.sandbox.url), "the cross-site post started a sign-in");
    expect(ctx.db.counts().attempts === attempts, "the cross-site post recorded an attempt");
    clean(a, [403]);
    return refusal(a.status);
  });
  await unchanged(ctx, BAD_INPUT, "cross-site withdrawal post (with the participant's session)", async () => {
    const { browser, location } = await enrollAtSandbox(ctx.portal.url, s4s, ctx.nextUser());
    expect(location.endsWith("/connect/done"), "enrollment failed");
    const before = ctx.db.counts();
    const a = await crossSite("/me/withdraw", "Yes, leave the study", browser, EVIL, { confirm: "yes" });
    const me = await get(ctx, "/me", { browser });
    expect(!/withdrawn/i.test(a.location), "the cross-site withdrawal went through");
    expect(ctx.db.counts().connections === before.connections, "a connection disappeared");
    clean(a, [403]);
    return `${refusal(a.status)}; still enrolled (/me ${me.status})`;
  }, true);
  for (const [name, size] of [["1.5 MB", 1_500_000], ["12 MB", 12_000_000]] as const) {
    await unchanged(ctx, BAD_INPUT, `oversized consent post (${name})`, async () => {
      const browser = new Browser(ctx.portal.url);
      const body = await formFields(browser, "/connect", "Continue");
      body.append("agree", "yes");
      body.append("padding", "x".repeat(size));
      const a = await get(ctx, "/connect", { method: "POST", body, browser }).catch((e: Error) => ({ status: 0, location: "", body: String(e.message), setCookies: [] }));
      expect(a.status === 0 || a.status === 413, `answered ${a.status}`);
      expect(!DETAIL.test(a.body), "internal detail in the answer");
      return a.status === 0 ? "connection closed" : "413 (too large for a form)";
    });
  }
  await unchanged(ctx, BAD_INPUT, "oversized healthSystemId (100 KB)", async () => {
    const { browser } = await startEnrollment(ctx.portal.url, s4s);
    const body = await formFields(browser, "/connect/choose", `Connect to ${s4s}`);
    body.set("healthSystemId", "a".repeat(100_000));
    const a = await get(ctx, "/connect/choose", { method: "POST", body, browser });
    clean(a, [303, 400, 413]);
    expect(!a.location || a.location.includes("/connect/choose?error=unknown"), `went to ${a.location}`);
    return `${a.status} ${a.location}`;
  });

  // Path tricks in ids.
  for (const id of ["../../etc/passwd", "ehr-x/../../admin", "%00", "\u202eabc", "' OR '1'='1", "clx".padEnd(65, "x")]) {
    await unchanged(ctx, BAD_INPUT, `healthSystemId ${JSON.stringify(id.slice(0, 24))}`, async () => {
      const { browser } = await startEnrollment(ctx.portal.url, s4s);
      const body = await formFields(browser, "/connect/choose", `Connect to ${s4s}`);
      body.set("healthSystemId", id);
      const a = await get(ctx, "/connect/choose", { method: "POST", body, browser });
      clean(a, [303]);
      expect(a.location.includes("/connect/choose?error="), `went to ${a.location}`);
      return "→ /connect/choose?error=unknown";
    });
  }
  for (const path of ["/me/..%2f..%2fetc%2fpasswd", "/connect/%2e%2e/%2e%2e/package.json", "/_next/static/..%2f..%2fBUILD_ID", "/connect/problem?reason=__proto__", "/connect/problem?reason=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/connect/done?connectionId=../../x"]) {
    await unchanged(ctx, BAD_INPUT, `path ${path}`, async () => {
      const a = await get(ctx, path);
      clean(a, [200, 303, 307, 308, 400, 404]);
      expect(!a.body.includes("<script>alert(1)</script>"), "reflected script");
      expect(!/"dependencies"|"scripts":/.test(a.body), "served a repository file");
      return String(a.status);
    });
  }

  // Hostile search strings on /connect/choose.
  const searches = [
    `<script>alert(1)</script>`,
    `"><img src=x onerror=alert(1)>`,
    `' OR 1=1 --`,
    `%`,
    `_`,
    `\\`,
    "x".repeat(10_000),
    `\u0000\u202e🙂`,
    `${"("}`.repeat(500),
  ];
  for (const q of searches) {
    await unchanged(ctx, BAD_INPUT, `search q=${JSON.stringify(q.slice(0, 24))}${q.length > 24 ? "…" : ""}`, async () => {
      const a = await get(ctx, `/connect/choose?q=${encodeURIComponent(q)}`);
      clean(a, [200]);
      expect(!a.body.includes("<script>alert(1)</script>") && !a.body.includes("<img src=x"), "the search string is reflected unescaped");
      if (q === "%" || q === "_") expect(!a.body.includes(`Connect to ${s4s}`), "a LIKE wildcard matched every health system");
      return "200, escaped";
    });
  }
  await unchanged(ctx, BAD_INPUT, "search with malformed percent-encoding and repeated q", async () => {
    const a = await get(ctx, "/connect/choose?q=%ZZ%E2%80&q=second&q[]=x");
    clean(a, [200, 400]);
    return String(a.status);
  });
}

/** proxy.ts refuses a POST whose Origin is not the portal's (lib/security/post-guard.ts). */
const refusal = (status: number) => (status === 403 ? "403 (another site's form refused)" : String(status));

async function cookieHeader(browser: Browser): Promise<string> {
  // The Browser keeps its cookies private; a request echo is not available, so rebuild it.
  const jar = (browser as unknown as { cookies: Map<string, string> }).cookies;
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

// ------------------------------------------------------------------ the edges

export async function edgeCases(ctx: Context): Promise<void> {
  const targets = [
    "http://169.254.169.254/latest/meta-data",
    "http://[fd00:ec2::254]/latest",
    "http://metadata.google.internal/computeMetadata/v1",
    "http://10.0.0.5/fhir",
    "http://192.168.1.1/fhir",
    "http://[::ffff:169.254.169.254]/fhir",
    "http://100.100.100.200/latest/meta-data",
    "http://0251.0376.0251.0376/fhir",
    "file:///etc/passwd",
  ];
  const before = ctx.db.counts().healthSystems;
  // Three at a time: each is a process (tsx) of its own.
  for (let i = 0; i < targets.length; i += 3) {
    await Promise.all(
      targets.slice(i, i + 3).map((url) =>
        ctx.rec.check(BAD_INPUT, `ehr:add toward ${url}`, async () => {
          const { code, output } = await ehrAdd(ctx.portal.env, [url, "--name", `SSRF ${url}`]);
          expect(code !== 0, "it was added");
          expect(!/\bat .*:\d+:\d+|node_modules/.test(output), `stack trace: ${output.slice(0, 200)}`);
          return output.trim().split("\n").pop()?.slice(0, 120);
        }),
      ),
    );
  }
  // Discovery documents that point the portal at the metadata service, directly or by a redirect.
  for (const [name, base] of [["endpoints at 169.254.169.254", `${ctx.hostile.url}/pointer/fhir`], ["discovery redirected to 169.254.169.254", `${ctx.hostile.url}/redirect/fhir`]] as const) {
    await ctx.rec.check(BAD_INPUT, `ehr:add of an EHR whose ${name}`, async () => {
      const { code, output } = await ehrAdd(ctx.portal.env, [base, "--name", `Pointer ${name}`]);
      expect(code !== 0, "it was added");
      return output.trim().split("\n").pop()?.slice(0, 120);
    });
  }
  await ctx.rec.check(BAD_INPUT, "ehr:add stored none of them", async () => {
    expect(ctx.db.counts().healthSystems === before, "a health system was stored");
  });
}

// ------------------------------------------------------------------ from the EHR

export async function ehrCases(ctx: Context): Promise<number> {
  let faults = 0;
  const admin = (method: string, body?: unknown) =>
    fetch(`${ctx.sandbox.url}/_sandbox/faults`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });

  const sandboxFaults: [string, object, string[]][] = [
    ["token 503", { target: "token", mode: "status", status: 503 }, ["ehr-unavailable"]],
    ["token 500", { target: "token", mode: "status", status: 500 }, ["ehr-unavailable", "ehr-refused"]],
    ["token 429", { target: "token", mode: "status", status: 429 }, ["ehr-unavailable"]],
    ["token hangs", { target: "token", mode: "hang" }, ["ehr-unavailable"]],
    ["token malformed JSON", { target: "token", mode: "malformed-json" }, ["ehr-invalid"]],
    ["token HTML error page", { target: "token", mode: "html-error" }, ["ehr-unavailable", "ehr-invalid"]],
    ["token latency 4 s (over EHR_TIMEOUT_MS)", { target: "token", mode: "latency", latencyMs: 4000 }, ["ehr-unavailable"]],
  ];
  for (const [name, fault, reasons] of sandboxFaults) {
    await unchanged(ctx, EHR_FAULTS, `sandbox: ${name}`, async () => {
      const flow = await startEnrollment(ctx.portal.url, ctx.names.s4s);
      const callback = await approveAtSandbox(flow.authorize, ctx.nextUser());
      await admin("POST", fault);
      faults++;
      try {
        return problem(await deliverCallback(flow.browser, callback), reasons);
      } finally {
        await admin("DELETE");
      }
    });
  }
  // Faults after the token exchange: the connection is stored, the Patient read fails (retried later).
  for (const [name, fault] of [
    ["Patient read 503", { target: "fhir", mode: "status", status: 503 }],
    ["Patient read hangs", { target: "fhir", mode: "hang" }],
    ["Patient read malformed JSON", { target: "fhir", mode: "malformed-json" }],
    ["Patient read HTML error page", { target: "fhir", mode: "html-error" }],
  ] as const) {
    await unchanged(ctx, EHR_FAULTS, `sandbox: ${name}`, async () => {
      const flow = await startEnrollment(ctx.portal.url, ctx.names.s4s);
      const callback = await approveAtSandbox(flow.authorize, ctx.nextUser());
      const before = ctx.db.counts();
      await admin("POST", fault);
      faults++;
      try {
        const a = await deliverCallback(flow.browser, callback);
        clean(a, [303]);
        const after = ctx.db.counts();
        expect(a.location.endsWith("/connect/done"), `went to ${a.location}`);
        expect(after.connections === before.connections + 1 && after.snapshots === before.snapshots, "expected the connection stored without a snapshot");
        return "connected, snapshot pending";
      } finally {
        await admin("DELETE");
      }
    }, true);
  }
  await unchanged(ctx, EHR_FAULTS, "sandbox: registration 503 (per-participant health system)", async () => {
    await admin("POST", { target: "register", mode: "status", status: 503 });
    faults++;
    try {
      const browser = new Browser(ctx.portal.url);
      const consent = await formFields(browser, "/connect", "Continue");
      consent.append("agree", "yes");
      await browser.fetch("/connect", { method: "POST", body: consent });
      const a = await get(ctx, "/connect/choose", { method: "POST", body: await formFields(browser, "/connect/choose", `Connect to ${ctx.names.perParticipant}`), browser });
      clean(a, [303]);
      expect(!a.location.includes("/oauth/authorize"), "went to the EHR anyway");
      return `→ ${new URL(a.location, ctx.portal.url).pathname}${new URL(a.location, ctx.portal.url).search}`;
    } finally {
      await admin("DELETE");
    }
  });

  // The hostile EHR: token answers the sandbox cannot give.
  let patientNo = 0;
  const hostileEnroll = async () => {
    ctx.hostile.mode.patientId = `hostile-${++patientNo}`;
    const flow = await startEnrollment(ctx.portal.url, ctx.names.hostile);
    return deliverCallback(flow.browser, await approveAtHostile(flow.authorize));
  };
  for (const mode of TOKEN_MODES) {
    await unchanged(ctx, EHR_FAULTS, `hostile EHR token: ${mode}`, async () => {
      ctx.hostile.mode.token = mode;
      faults++;
      try {
        const a = await hostileEnroll();
        return problem(a, ["ehr-invalid", "no-patient", "ehr-unavailable", "ehr-refused", ...(mode === "error-invalid-grant" ? ["expired"] : [])]);
      } finally {
        ctx.hostile.mode.token = "ok";
      }
    });
  }
  await ctx.rec.check(EHR_FAULTS, "hostile EHR: no code or secret followed a redirect to another host", async () => {
    expect(!ctx.hostile.otherHostHits.some((h) => h.withCredentials), "credentials were sent to another host");
    return `${ctx.hostile.otherHostHits.length} requests reached it`;
  });
  for (const mode of PATIENT_MODES) {
    await unchanged(ctx, EHR_FAULTS, `hostile EHR Patient: ${mode}`, async () => {
      ctx.hostile.mode.patient = mode;
      faults++;
      const before = ctx.db.counts();
      try {
        const a = await hostileEnroll();
        clean(a, [303]);
        expect(a.location.endsWith("/connect/done") || a.location.includes("/connect/problem"), `went to ${a.location}`);
        const after = ctx.db.counts();
        if (mode !== "patient-xss") expect(after.snapshots === before.snapshots, "a hostile Patient was stored as the snapshot");
        return `→ ${new URL(a.location, ctx.portal.url).pathname}, snapshot ${after.snapshots > before.snapshots ? "stored" : "not stored"}`;
      } finally {
        ctx.hostile.mode.patient = "ok";
      }
    }, true);
  }
  await ctx.rec.check(EHR_FAULTS, "hostile Patient content is escaped on /connect/done and /me", async () => {
    ctx.hostile.mode.patient = "patient-xss";
    ctx.hostile.mode.patientId = `hostile-${++patientNo}`;
    try {
      const flow = await startEnrollment(ctx.portal.url, ctx.names.hostile);
      const done = await deliverCallback(flow.browser, await approveAtHostile(flow.authorize));
      expect(done.location.endsWith("/connect/done"), `went to ${done.location}`);
      for (const path of ["/connect/done", "/me"]) {
        const a = await get(ctx, path, { browser: flow.browser });
        clean(a, [200]);
        expect(!a.body.includes(XSS_NAME) && !a.body.includes("<svg onload"), `${path} shows the hostile markup unescaped`);
      }
      return "escaped";
    } finally {
      ctx.hostile.mode.patient = "ok";
    }
  });
  return faults;
}

// ------------------------------------------------------------------ headers and cookies

const PAGES = ["/", "/connect", "/connect/choose", "/connect/problem?reason=state", "/connect/done", "/me", "/me/withdraw", "/does-not-exist"];

export async function headerCases(ctx: Context): Promise<void> {
  const https = ctx.portal.url.startsWith("https:");
  const { browser, location, setCookies } = await enrollAtSandbox(ctx.portal.url, ctx.names.v2, ctx.nextUser());
  await ctx.rec.check(HEADERS, "an enrollment for the header checks", async () => expect(location.endsWith("/connect/done"), `went to ${location}`));
  for (const [who, b] of [["anonymous", new Browser(ctx.portal.url)], ["signed in", browser]] as const) {
    for (const path of PAGES) {
      await ctx.rec.check(HEADERS, `${path} (${who})`, async () => {
        const res = await b.fetch(path);
        const body = await res.text();
        ctx.served.push(body, ...res.headers.getSetCookie());
        const csp = res.headers.get("content-security-policy") ?? "";
        const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1] ?? /default-src([^;]*)/.exec(csp)?.[1] ?? "";
        expect(csp, "no Content-Security-Policy");
        expect(!/'unsafe-inline'/.test(scriptSrc) || /'nonce-|'strict-dynamic'/.test(scriptSrc), `script-src allows inline scripts: ${scriptSrc}`);
        expect(!/'unsafe-eval'/.test(scriptSrc), "script-src allows eval");
        expect(/frame-ancestors 'none'/.test(csp), "no frame-ancestors 'none'");
        expect(res.headers.get("x-content-type-options") === "nosniff", "no X-Content-Type-Options: nosniff");
        // Inline scripts must carry the nonce of this response's CSP.
        const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
        for (const [tag] of body.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)) expect(nonce && tag.includes(`nonce="${nonce}"`), `an inline script without the nonce: ${tag.slice(0, 80)}`);
        if (who === "signed in" && (path === "/connect/done" || path === "/me")) {
          expect(res.status === 200, `answered ${res.status}`);
          expect(/no-store/.test(res.headers.get("cache-control") ?? ""), `Cache-Control is "${res.headers.get("cache-control")}"`);
        }
        return `${res.status}`;
      });
    }
  }
  await ctx.rec.check(HEADERS, "session and flow cookies: HttpOnly, SameSite" + (https ? ", Secure" : " (Secure asserted only when PORTAL_URL is https)"), async () => {
    const all = [...setCookies];
    const consent = new Browser(ctx.portal.url);
    const fields = await formFields(consent, "/connect", "Continue");
    fields.append("agree", "yes");
    all.push(...(await consent.fetch("/connect", { method: "POST", body: fields })).headers.getSetCookie());
    const set = all.filter((c) => !/max-age=0|expires=Thu, 01 Jan 1970/i.test(c));
    const session = set.find((c) => /session/i.test(c.split("=")[0] ?? ""));
    expect(session, `no session cookie among ${set.map((c) => c.split("=")[0]).join(", ")}`);
    for (const c of set) {
      const name = c.split("=")[0];
      expect(/;\s*httponly/i.test(c), `${name} is not HttpOnly`);
      expect(/;\s*samesite=(lax|strict)/i.test(c), `${name} has no SameSite`);
      if (https) expect(/;\s*secure/i.test(c), `${name} is not Secure`);
    }
    return set.map((c) => c.split("=")[0]).join(", ");
  });
}
