/**
 * The authorization endpoint and the pages behind it: sign-in, "Who are you representing?", consent.
 * Consent is asked every time; nothing is remembered between authorizations.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { currentSession, loginUrl } from "../browser/session";
import type { AppEnv, Deps } from "../deps";
import { DATA_CATEGORIES } from "../fhir/resource";
import { displayName } from "../fixtures/facts";
import { consentPage } from "../pages/consent";
import { errorPage } from "../pages/error";
import { pickerPage } from "../pages/picker";
import type { Profile } from "../state/model";
import type { PendingAuthorization, Session } from "../state/sessions";
import { readForm } from "../util/http";
import { randomToken } from "../util/random";
import { addDays, addYears, isoDate, parseIsoDate } from "../util/time";
import { redirectWith, validateAuthorizeRequest } from "./authorize-request";
import { methodNotAllowed } from "./errors";
import { endpoints } from "./profile";

const CODE_LIFETIME_MS = 100_000;

export function authorizeRoutes(deps: Deps, profile: Profile): Hono<AppEnv> {
  const { config, store, sessions, directory } = deps;
  const e = endpoints(config, profile);
  const app = new Hono<AppEnv>();
  const stepPath = (id: string) => `${e.oauthPath}/authorize/${id}`;
  const expired = (c: Context) =>
    c.html(errorPage("Request expired", "This authorization request has expired or was already answered."), 400);

  app.get("/authorize", (c) => {
    const result = validateAuthorizeRequest(new URL(c.req.url).searchParams, profile, store, e.fhirBase);
    if (!result.ok) {
      const p = result.error;
      if (p.kind === "page") return c.html(errorPage(p.title, p.message), 400);
      return c.redirect(redirectWith(p.redirectUri, { error: p.error, error_description: p.description, state: p.state }), 302);
    }
    const { client, ...request } = result.value;
    const pending = sessions.addRequest({ profile, clientId: client.id, ...request }, config.now());
    const step = stepPath(pending.id);
    return c.redirect(currentSession(c, deps) ? step : loginUrl(step), 302);
  });
  app.all("/authorize", methodNotAllowed(["GET"]));

  /** The pending request and the session that may continue it, or a response to send instead. */
  const load = (c: Context): Response | { pending: PendingAuthorization; session: Session } => {
    const pending = sessions.request(c.req.param("id") ?? "", config.now());
    if (!pending || pending.profile !== profile) return expired(c);
    const session = currentSession(c, deps);
    if (!session) return c.redirect(loginUrl(stepPath(pending.id)), c.req.method === "GET" ? 302 : 303);
    if (pending.sessionId !== null && pending.sessionId !== session.id) return expired(c);
    pending.sessionId = session.id;
    return { pending, session };
  };

  const showConsent = (c: Context, pending: PendingAuthorization, session: Session, error?: string, checked?: string[]) => {
    const user = directory.user(session.username);
    const patientIds = user?.patientIds ?? [];
    if (pending.patientId === null && patientIds.length === 1) pending.patientId = patientIds[0] ?? null;
    if (pending.patientId === null) {
      const patients = patientIds.map((id, i) => {
        const record = directory.patient(id);
        return { id, name: record ? displayName(record.demographics) : id, relation: i === 0 ? "yourself" : "whom you represent" };
      });
      return c.html(pickerPage({ action: `${stepPath(pending.id)}/patient`, csrf: session.csrf, patients }));
    }
    const now = config.now();
    const patient = directory.patient(pending.patientId);
    return c.html(
      consentPage({
        action: stepPath(pending.id),
        csrf: session.csrf,
        appName: store.client(pending.clientId)?.name ?? pending.clientId,
        patientName: patient ? displayName(patient.demographics) : pending.patientId,
        username: session.username,
        scope: pending.scope,
        shareUntil: isoDate(addYears(now, 1)),
        minDate: isoDate(addDays(now, 1)),
        maxDate: isoDate(addYears(now, 3)),
        checked: checked ?? DATA_CATEGORIES,
        ...(error ? { error } : {}),
      }),
      error ? 400 : 200,
    );
  };

  app.get("/authorize/:id", (c) => {
    const loaded = load(c);
    return loaded instanceof Response ? loaded : showConsent(c, loaded.pending, loaded.session);
  });

  app.post("/authorize/:id/patient", async (c) => {
    const loaded = load(c);
    if (loaded instanceof Response) return loaded;
    const { pending, session } = loaded;
    const form = await readForm(c);
    if (!form.ok || form.value.get("csrf") !== session.csrf) return expired(c);
    const patientId = form.value.get("patient") ?? "";
    if (!directory.user(session.username)?.patientIds.includes(patientId)) {
      return c.html(errorPage("Not allowed", "You cannot share this patient's records."), 403);
    }
    pending.patientId = patientId;
    return c.redirect(stepPath(pending.id), 303);
  });

  app.post("/authorize/:id", async (c) => {
    const loaded = load(c);
    if (loaded instanceof Response) return loaded;
    const { pending, session } = loaded;
    const form = await readForm(c, ["category"]);
    if (!form.ok || form.value.get("csrf") !== session.csrf) return expired(c);
    const decision = form.value.get("decision");
    if (decision === "deny") {
      sessions.finishRequest(pending.id);
      // The real server's "Do not approve" link carries no state; smart-v2 sends it, as RFC 6749 asks.
      const params = profile === "s4s"
        ? { error: "access_denied" }
        : { error: "access_denied", error_description: "The participant did not approve.", state: pending.state };
      return c.redirect(redirectWith(pending.redirectUri, params), 303);
    }
    if (decision !== "approve" || pending.patientId === null) return showConsent(c, pending, session);
    const now = config.now();
    const until = parseIsoDate(form.value.get("share_until") ?? "");
    const categories = DATA_CATEGORIES.filter((k) => k === "patient" || form.value.all("category").includes(k));
    const earliest = parseIsoDate(isoDate(addDays(now, 1))) ?? now;
    if (until === null || until < earliest || until > addYears(now, 3)) {
      return showConsent(c, pending, session, "Choose a “Share until” date between tomorrow and three years from now.", categories);
    }
    if (config.oneLiveAuthorizationPerClient) {
      for (const grant of store.findGrants({ clientId: pending.clientId })) store.deleteGrant(grant);
    }
    const code = randomToken();
    const draft = { profile, clientId: pending.clientId, username: session.username, patientId: pending.patientId, scope: pending.scope, categories, approvalExpiresAt: until };
    store.addCode({ code, redirectUri: pending.redirectUri, codeChallenge: pending.codeChallenge, expiresAt: now + CODE_LIFETIME_MS, draft, usedBy: null }, now);
    sessions.finishRequest(pending.id);
    return c.redirect(redirectWith(pending.redirectUri, { code, state: pending.state }), 303);
  });
  app.all("/authorize/:id", methodNotAllowed(["GET", "POST"]));
  return app;
}
