/**
 * Issue #16's web findings, attacked over HTTP against the built portal the way the review did,
 * each as a check that failed on the code before the fix (reliability/security-findings.ts maps
 * findings to these checks and to Vitest tests). Clients at different loopback addresses
 * (127.0.0.x) play the attacker and the real staff member; the portal sees each socket's address.
 */
import { Browser } from "../sandbox/test/browser";
import type { Context } from "./cases";
import { enrollAtSandbox, formFields } from "./flow";
import { AddressClient } from "./from-address";
import { STAFF, postAction, signInStaff } from "./staff-cases";
import { expect, npmScript } from "./support";

export const SECURITY = "security findings";

export const SECURITY_CHECKS = {
  xffFlood: "finding 1: 60 sign-ins from one address with a new X-Forwarded-For each are limited like 60 from that address",
  burst: "finding 2: 15 simultaneous wrong passwords get at most 5 checked, and the right password next does not sign in",
  enumeration: "finding 3: an unknown email gets the same answers as a real one, attempt after attempt",
  targetedLockout: "finding 3: wrong passwords from another address never keep the real staff member out",
  attackAlert: "finding 3: admins see the account under attack named on the dashboard, and the audit log has it once; viewers do not",
  staffCopiedCookie: "finding 4: a copied staff cookie stops working at sign-out, and /api/staff-auth/session does not renew it",
  participantCopiedCookie: "finding 4: a copied participant cookie stops working at sign-out",
  crossSiteExportLink: "finding 5: a link from another site to an export releases nothing",
  crossSiteExportForm: "finding 5: another site's form posting to an export releases nothing",
  strictStaffCookies: "finding 5: staff cookies are SameSite=Strict",
  exportFromDashboard: "finding 5: the dashboard's export form still downloads the export (control)",
  postWithoutOrigin: "a state-changing POST without Origin is refused with a plain sentence, and changes nothing",
} as const;

const TARGET = { email: "target@reliability.example.org", password: "reliability-target-password-0123" };

export async function securityCases(ctx: Context): Promise<void> {
  const { rec, portal } = ctx;
  const check = (name: string, fn: () => Promise<string | void>) => rec.check(SECURITY, name, fn);
  const from = (n: number) => new AddressClient(`127.0.0.${n}`, portal.url);
  const added = await npmScript(portal.env, "staff:add", ["--email", TARGET.email, "--role", "admin", "--password", TARGET.password]);
  expect(added.code === 0, `staff:add failed: ${added.output.slice(-300)}`);

  await check(SECURITY_CHECKS.xffFlood, async () => {
    const client = from(11);
    const codes: string[] = [];
    for (let i = 0; i < 60; i++) codes.push(await client.signIn(`nobody-${i}@reliability.example.org`, "not the password", { "x-forwarded-for": `203.0.113.${i + 1}` }));
    const checked = codes.filter((c) => c === "credentials").length;
    expect(checked <= 20, `${checked} of 60 were checked (limit: 20 a minute from one address); answers: ${[...new Set(codes)].join(", ")}`);
    return `${checked} checked, ${60 - checked} limited`;
  });

  await check(SECURITY_CHECKS.burst, async () => {
    const client = from(12);
    const codes = await Promise.all(Array.from({ length: 15 }, () => client.signIn(TARGET.email, "not the password")));
    const checked = codes.filter((c) => c === "credentials").length;
    const next = await client.signIn(TARGET.email, TARGET.password);
    expect(checked <= 5, `${checked} of 15 simultaneous wrong passwords were checked`);
    expect(next !== "signed in", "the right password right after the burst signed in");
    return `${checked} checked; then the right password: ${next}`;
  });

  await check(SECURITY_CHECKS.enumeration, async () => {
    const answers = async (client: AddressClient, email: string) => {
      const list: string[] = [];
      for (let i = 0; i < 7; i++) list.push(await client.signIn(email, "not the password"));
      return list.join(" ");
    };
    const real = await answers(from(13), TARGET.email);
    const unknown = await answers(from(14), "nobody-at-all@reliability.example.org");
    expect(real === unknown, `a real email: ${real}; an unknown one: ${unknown}`);
    return real;
  });

  await check(SECURITY_CHECKS.targetedLockout, async () => {
    const attacker = from(15);
    for (let i = 0; i < 12; i++) await attacker.signIn(TARGET.email, "not the password");
    const real = await from(16).signIn(TARGET.email, TARGET.password);
    expect(real === "signed in", `the real staff member, from their own address, got: ${real}`);
  });

  await check(SECURITY_CHECKS.attackAlert, async () => {
    const admin = await signInStaff(ctx, "admin");
    const viewer = await signInStaff(ctx, "viewer");
    const seen = await (await admin.fetch("/dashboard")).text();
    const notSeen = await (await viewer.fetch("/dashboard")).text();
    expect(/Someone may be trying to guess a staff password/.test(seen) && seen.includes(TARGET.email), "the admin's dashboard does not name the account under attack");
    expect(!notSeen.includes(TARGET.email), "a viewer's dashboard names the account under attack");
    const audited = ctx.db.rows<{ n: number }>(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = 'staff.sign_in_attack' AND detail LIKE ?`, `${TARGET.email}:%`)[0]!.n;
    expect(audited === 1, `${audited} staff.sign_in_attack audit events for the account`);
    return /failed sign-ins from \d+ address(es)?/.exec(seen)?.[0] ?? "";
  });

  await check(SECURITY_CHECKS.staffCopiedCookie, async () => {
    const browser = await signInStaff(ctx, "admin");
    const copy = browser.copy();
    const signOut = await postAction(browser, portal.url, "/dashboard", await formFields(browser, "/dashboard", "Sign out"));
    expect([200, 303].includes(signOut.status), `signing out answered ${signOut.status}`);
    const page = await copy.fetch("/dashboard");
    await page.arrayBuffer();
    expect([302, 303, 307].includes(page.status) && /\/staff\/sign-in/.test(page.headers.get("location") ?? ""), `the copied cookie still opened /dashboard (${page.status})`);
    const session = await copy.fetch("/api/staff-auth/session");
    const body = await session.text();
    const renewed = session.headers.getSetCookie().some((c) => /staff\.session=[^;]+/.test(c) && !/max-age=0|expires=Thu, 01 Jan 1970/i.test(c));
    expect(!renewed, "the session endpoint renewed the copied cookie");
    expect(!/"user"/.test(body), `the session endpoint answered a session: ${body.slice(0, 100)}`);
    return `${page.status} → /staff/sign-in; session: ${body.slice(0, 20)}`;
  });

  await check(SECURITY_CHECKS.participantCopiedCookie, async () => {
    const { browser, location } = await enrollAtSandbox(portal.url, ctx.names.s4s, ctx.nextUser());
    expect(location.endsWith("/connect/done"), `the enrollment went to ${location}`);
    const copy = browser.copy();
    const before = await (await copy.fetch("/me")).text();
    expect(before.includes("Sign out"), "the copied cookie did not open /me even before sign-out");
    const signedOut = await browser.fetch("/me", { method: "POST", body: await formFields(browser, "/me", "Sign out") });
    await signedOut.arrayBuffer();
    const answer = await copy.fetch("/me");
    const after = await answer.text();
    // Signed out, "My study" sends the visitor to its sign-in page (by redirect, or the page's own redirect markup).
    const toSignIn = (answer.headers.get("location") ?? "").includes("/me/sign-in") || after.includes("/me/sign-in");
    expect(!after.includes("Sign out") && toSignIn, "the copied cookie still opens the participant's record");
  });

  const coordinator = await signInStaff(ctx, "coordinator");
  const exportPath = "/dashboard/export/patients.ndjson";
  const releasesNothing = (status: number, body: string) => expect(status !== 200 && !body.includes('"resourceType"'), `answered ${status} with ${body.length} bytes${body.includes('"resourceType"') ? " of Patient resources" : ""}`);
  await check(SECURITY_CHECKS.crossSiteExportLink, async () => {
    // What a browser sends for a click on another site's link (the Lax cookie came along).
    const res = await coordinator.fetch(exportPath, { headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document", referer: "https://evil.example/" } });
    releasesNothing(res.status, await res.text());
    return String(res.status);
  });
  await check(SECURITY_CHECKS.crossSiteExportForm, async () => {
    const res = await coordinator.fetch(exportPath, { method: "POST", body: new URLSearchParams({ q: "" }), headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" } });
    releasesNothing(res.status, await res.text());
    return String(res.status);
  });
  await check(SECURITY_CHECKS.strictStaffCookies, async () => {
    const client = from(17);
    const csrf = JSON.parse((await client.fetch("/api/staff-auth/csrf")).body) as { csrfToken: string };
    const answer = await client.fetch("/api/staff-auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: portal.url },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email: STAFF.viewer.email, password: "reliability-staff-password-0123", callbackUrl: `${portal.url}/dashboard` }).toString(),
    });
    const staffCookies = answer.setCookies.filter((c) => /staff\./.test(c.split("=")[0] ?? ""));
    expect(staffCookies.some((c) => /staff\.session=/.test(c)), `no staff session cookie (answered ${answer.status} → ${answer.location})`);
    const lax = staffCookies.filter((c) => !/;\s*samesite=strict/i.test(c)).map((c) => c.split("=")[0]);
    expect(lax.length === 0, `not SameSite=Strict: ${lax.join(", ")}`);
    return staffCookies.map((c) => c.split("=")[0]).join(", ");
  });
  await check(SECURITY_CHECKS.exportFromDashboard, async () => {
    const dashboard = await (await coordinator.fetch("/dashboard")).text();
    const form = /<form[^>]*action="\/dashboard\/export\/patients\.ndjson"[^>]*>([\s\S]*?)<\/form>/.exec(dashboard);
    expect(form, "no export form for Patient resources on the dashboard");
    const fields = new URLSearchParams();
    for (const [, name = "", value = ""] of form[1]!.matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"/g)) fields.append(name, value);
    const res = await coordinator.fetch(exportPath, { method: "POST", body: fields, headers: { origin: portal.url, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" } });
    const body = await res.text();
    expect(res.status === 200 && body.includes('"resourceType":"Patient"'), `answered ${res.status}`);
    return `${body.trim().split("\n").length} Patient resources`;
  });

  await check(SECURITY_CHECKS.postWithoutOrigin, async () => {
    const browser = new Browser(portal.url);
    const fields = await formFields(browser, "/connect", "Continue");
    fields.append("agree", "yes");
    // Node's fetch sends no Origin of its own; Browser adds one unless told otherwise, so go around it.
    const res = await fetch(`${portal.url}/connect`, { method: "POST", body: fields, redirect: "manual" });
    const body = await res.text();
    expect(res.status === 403, `answered ${res.status}`);
    expect(/did not say which website sent it/.test(body) && !/<html/i.test(body), `the answer is not the plain sentence: ${body.slice(0, 120)}`);
    expect(!res.headers.getSetCookie().some((c) => /consent/.test(c)), "a consent cookie was set");
    return body.slice(0, 60);
  });
}
