/**
 * The staff dashboard's authorization matrix, over plain HTTP against the built portal: every
 * staff page, export and server action, tried as anonymous, as a participant, and as a staff role
 * below the one it needs. Denied means: pages redirect to /staff/sign-in (no staff session) or
 * answer the not-found page (role too low); route handlers answer 401/403; server actions change
 * nothing in the database and write no audit row. Each denial has a positive control (the right
 * role gets through with the same form fields), so a denial is never an artefact of a bad request.
 */
import { Browser } from "../sandbox/test/browser";
import type { Context } from "./cases";
import { enrollAtSandbox, formFields } from "./flow";
import { expect, npmScript } from "./support";

export const STAFF_AUTHZ = "staff authorization";

const password = "reliability-staff-password-0123";
export const STAFF = {
  admin: { email: "admin@reliability.example.org", role: "admin" },
  coordinator: { email: "coordinator@reliability.example.org", role: "coordinator" },
  viewer: { email: "viewer@reliability.example.org", role: "viewer" },
} as const;
export type StaffRole = keyof typeof STAFF;

/** `npm run staff:add` for the run's three accounts, with the portal's environment. */
export async function addStaffAccounts(ctx: Context): Promise<void> {
  const results = await Promise.all(Object.values(STAFF).map((s) => npmScript(ctx.portal.env, "staff:add", ["--email", s.email, "--role", s.role, "--password", password])));
  const failed = results.find((r) => r.code !== 0);
  if (failed) throw new Error(`staff:add failed: ${failed.output.slice(-300)}`);
}

/** next-auth's credentials flow at /api/staff-auth: the CSRF token, then the callback; the browser keeps the session. */
export async function signInStaff(ctx: Context, who: StaffRole): Promise<Browser> {
  const browser = new Browser(ctx.portal.url);
  const csrf = (await (await browser.fetch("/api/staff-auth/csrf")).json()) as { csrfToken?: string };
  expect(csrf.csrfToken, "no CSRF token from /api/staff-auth/csrf");
  const res = await browser.fetch("/api/staff-auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ctx.portal.url },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, email: STAFF[who].email, password, callbackUrl: `${ctx.portal.url}/dashboard` }),
  });
  const location = res.headers.get("location") ?? "";
  expect([302, 303].includes(res.status) && !/error=/.test(location), `${who} sign-in answered ${res.status} → ${location}`);
  const dashboard = await browser.fetch("/dashboard");
  expect(dashboard.status === 200, `${who} signed in, but /dashboard answered ${dashboard.status}`);
  return browser;
}

/** Posts a server action's progressive-enhancement form (fields read from a page an authorized user saw). */
export async function postAction(browser: Browser, origin: string, path: string, fields: FormData): Promise<{ status: number; location: string; body: string }> {
  const res = await browser.fetch(path, { method: "POST", body: fields, headers: { origin } });
  return { status: res.status, location: res.headers.get("location") ?? "", body: await res.text() };
}

const copy = (form: FormData, extra: Record<string, string> = {}) => {
  const body = new FormData();
  for (const [k, v] of form) body.append(k, v);
  for (const [k, v] of Object.entries(extra)) body.set(k, v);
  return body;
};

type Who = { label: string; browser: () => Browser };

export async function staffCases(ctx: Context): Promise<void> {
  const { rec, db, portal } = ctx;
  const check = (name: string, fn: () => Promise<string | void>) => rec.check(STAFF_AUTHZ, name, fn);

  await addStaffAccounts(ctx);
  const admin = await signInStaff(ctx, "admin");
  const coordinator = await signInStaff(ctx, "coordinator");
  const viewer = await signInStaff(ctx, "viewer");

  // Two participants, each with a session from a real enrollment.
  const [one, two] = [ctx.nextUser(), ctx.nextUser()];
  const p1 = await enrollAtSandbox(portal.url, ctx.names.s4s, one);
  const p2 = await enrollAtSandbox(portal.url, ctx.names.s4s, two);
  expect(p1.location.endsWith("/connect/done") && p2.location.endsWith("/connect/done"), `enrollments went to ${p1.location} and ${p2.location}`);
  const patientOf = (u: { username: string }) => `synthetic-${u.username.slice("user-".length)}`;
  const rowOf = (patientId: string) =>
    db.rows<{ connectionId: string; participantId: string; displayName: string; tokenVersion: number }>(
      'SELECT c.id AS connectionId, c.participantId, s.displayName, c.tokenVersion FROM "Connection" c JOIN "PatientSnapshot" s ON s.connectionId = c.id WHERE c.patientId = ?',
      patientId,
    )[0];
  const r1 = rowOf(patientOf(one));
  const r2 = rowOf(patientOf(two));
  expect(r1 && r2 && r1.displayName !== r2.displayName, "the two participants' connections and snapshots were not stored");

  const anonymous: Who = { label: "anonymous", browser: () => new Browser(portal.url) };
  const participant: Who = { label: "a participant", browser: () => p1.browser };
  const asViewer: Who = { label: "a viewer", browser: () => viewer };

  // ---- pages
  const pages: { path: string; min: StaffRole }[] = [
    { path: "/dashboard", min: "viewer" },
    { path: `/dashboard/participants/${r2.participantId}`, min: "viewer" },
    { path: "/dashboard/enrollment", min: "viewer" },
    { path: "/dashboard/health-systems", min: "admin" },
    { path: "/dashboard/audit", min: "admin" },
    { path: "/dashboard/research-clients", min: "admin" },
    { path: "/dashboard/webhooks", min: "admin" },
  ];
  for (const page of pages) {
    for (const who of [anonymous, participant]) {
      await check(`${page.path.replace(r2.participantId, "<id>")} as ${who.label}: redirected to /staff/sign-in`, async () => {
        const res = await who.browser().fetch(`${portal.url}${page.path}`);
        const location = res.headers.get("location") ?? "";
        await res.arrayBuffer();
        expect([302, 303, 307].includes(res.status) && /\/staff\/sign-in/.test(location), `answered ${res.status} → ${location || "(nowhere)"}`);
        return `${res.status} → /staff/sign-in`;
      });
    }
    if (page.min === "admin") {
      await check(`${page.path} as a viewer (admin needed): the not-found page`, async () => {
        const res = await viewer.fetch(page.path);
        const body = await res.text();
        expect(res.status === 404, `answered ${res.status}`);
        expect(!/Add a health system|health_system\.add|participant\.view|Add a webhook|Latest exports/.test(body), "the page's content was served with the 404");
        return "404";
      });
      await check(`${page.path} as an admin: served (control)`, async () => {
        const res = await admin.fetch(page.path);
        await res.arrayBuffer();
        expect(res.status === 200, `answered ${res.status}`);
      });
    } else {
      await check(`${page.path.replace(r2.participantId, "<id>")} as a viewer: served (control)`, async () => {
        const res = await viewer.fetch(page.path);
        await res.arrayBuffer();
        expect(res.status === 200, `answered ${res.status}`);
      });
    }
  }

  // ---- exports (route handlers, POSTed by the dashboard's forms: 401 without a staff session, 403 below coordinator)
  const exportForm = () => new URLSearchParams({ q: "", status: "", ehr: "", sort: "connected", dir: "desc" });
  const exportPost = (browser: Browser, path: string) =>
    browser.fetch(`${portal.url}${path}`, { method: "POST", body: exportForm(), headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" } });
  for (const path of ["/dashboard/export/participants.csv", "/dashboard/export/patients.ndjson"]) {
    for (const [who, status] of [[anonymous, 401], [participant, 401], [asViewer, 403]] as const) {
      await check(`${path} as ${who.label}: ${status}`, async () => {
        const res = await exportPost(who.browser(), path);
        const body = await res.text();
        expect(res.status === status, `answered ${res.status}`);
        expect(!body.includes(r1.displayName) && !body.includes(r2.displayName), "patient data in the refusal");
        return String(res.status);
      });
    }
    await check(`${path} as a coordinator: served (control)`, async () => {
      const res = await exportPost(coordinator, path);
      const body = await res.text();
      expect(res.status === 200 && body.length > 0, `answered ${res.status}`);
    });
  }

  // ---- the audit log's CSV (admins only)
  const auditCsv = "/dashboard/audit/export.csv";
  const asCoordinator: Who = { label: "a coordinator", browser: () => coordinator };
  for (const [who, status] of [[anonymous, 401], [participant, 401], [asViewer, 403], [asCoordinator, 403]] as const) {
    await check(`${auditCsv} as ${who.label}: ${status}`, async () => {
      const res = await exportPost(who.browser(), auditCsv);
      const body = await res.text();
      expect(res.status === status, `answered ${res.status}`);
      expect(!body.includes("participant.view") && !body.includes(r1.displayName), "audit data in the refusal");
      return String(res.status);
    });
  }
  await check(`${auditCsv} by a link, even an admin's: 405, nothing released`, async () => {
    const res = await admin.fetch(auditCsv);
    const body = await res.text();
    expect(res.status === 405 && !body.includes("participant.view"), `answered ${res.status}`);
  });
  await check(`${auditCsv} as an admin: served (control)`, async () => {
    const res = await exportPost(admin, auditCsv);
    const body = await res.text();
    expect(res.status === 200 && body.startsWith("at,who,action,what"), `answered ${res.status}`);
  });

  // ---- server actions, posted with the fields an authorized user's page carries
  const audits = (action: string) => db.rows<{ n: number }>('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = ?', action)[0]!.n;
  const tokenVersion = () => rowOf(patientOf(one))!.tokenVersion;
  const participantPage = `/dashboard/participants/${r1.participantId}`;
  const refreshForm = copy(await formFields(coordinator, participantPage, "Refresh now"), { connectionId: r1.connectionId });
  const addForm = copy(await formFields(admin, "/dashboard/health-systems", "Add health system"));
  const newEhr = ctx.sandbox.v2FhirBase.replace("localhost", "127.0.0.1");
  addForm.set("fhirBaseUrl", newEhr);
  addForm.set("name", "Added By The Reliability Admin");

  for (const who of [anonymous, participant, asViewer]) {
    await check(`"Refresh now" posted as ${who.label}: no refresh, no audit row`, async () => {
      const [version, audited] = [tokenVersion(), audits("connection.refresh")];
      const answer = await postAction(who.browser(), portal.url, participantPage, copy(refreshForm));
      expect(answer.status < 500, `answered ${answer.status}`);
      expect(tokenVersion() === version, `the tokens were refreshed (version ${version} → ${tokenVersion()})`);
      expect(audits("connection.refresh") === audited, "an audit row connection.refresh was written");
      return `${answer.status}${answer.location ? ` → ${answer.location.replace(portal.url, "")}` : ""}`;
    });
  }
  for (const who of [anonymous, participant, { label: "a coordinator", browser: () => coordinator }, asViewer]) {
    await check(`"Add health system" posted as ${who.label} (admin needed): nothing added, no audit row`, async () => {
      const [systems, audited] = [db.counts().healthSystems, audits("health_system.add")];
      const answer = await postAction(who.browser(), portal.url, "/dashboard/health-systems", copy(addForm));
      expect(answer.status < 500, `answered ${answer.status}`);
      expect(db.counts().healthSystems === systems, "a health system was added");
      expect(audits("health_system.add") === audited, "an audit row health_system.add was written");
      return `${answer.status}${answer.location ? ` → ${answer.location.replace(portal.url, "")}` : ""}`;
    });
  }
  await check(`"Refresh now" posted as a coordinator: refreshed and audited (control)`, async () => {
    const [version, audited] = [tokenVersion(), audits("connection.refresh")];
    const answer = await postAction(coordinator, portal.url, participantPage, copy(refreshForm));
    expect(answer.status === 200, `answered ${answer.status}`);
    expect(tokenVersion() === version + 1 && audits("connection.refresh") === audited + 1, `version ${version} → ${tokenVersion()}, audit rows ${audited} → ${audits("connection.refresh")}`);
  });
  await check(`"Add health system" posted as an admin: added and audited (control)`, async () => {
    const [systems, audited] = [db.counts().healthSystems, audits("health_system.add")];
    const answer = await postAction(admin, portal.url, "/dashboard/health-systems", copy(addForm));
    expect(answer.status === 200, `answered ${answer.status}`);
    expect(db.counts().healthSystems === systems + 1 && audits("health_system.add") === audited + 1, `health systems ${systems} → ${db.counts().healthSystems}, audit rows ${audited} → ${audits("health_system.add")}`);
  });

  // ---- one participant cannot reach another's record
  for (const [self, other, label] of [[p1, r2, "first"], [p2, r1, "second"]] as const) {
    await check(`/me as the ${label} of two participants shows only their own record, whatever the query says`, async () => {
      const mine = label === "first" ? r1 : r2;
      for (const path of ["/me", `/me?participantId=${other.participantId}&connectionId=${other.connectionId}&id=${other.participantId}`]) {
        const res = await self.browser.fetch(`${portal.url}${path}`);
        const body = await res.text();
        ctx.served.push(body);
        expect(res.status === 200, `${path} answered ${res.status}`);
        expect(body.includes(mine.displayName), `${path} does not show their own record`);
        // (Ids are not checked: the page may echo its own URL, which carries them here.)
        expect(!body.includes(other.displayName), `${path} shows the other participant's record`);
      }
    });
  }
  await check("a participant's session on /dashboard/participants/<the other participant's id>: redirected to /staff/sign-in", async () => {
    const res = await p1.browser.fetch(`${portal.url}/dashboard/participants/${r2.participantId}`);
    const body = await res.text();
    expect([302, 303, 307].includes(res.status) && /\/staff\/sign-in/.test(res.headers.get("location") ?? ""), `answered ${res.status}`);
    expect(!body.includes(r2.displayName), "the other participant's name was served");
  });
}
