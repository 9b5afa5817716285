import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { getOpenAttempt, recordAttemptFailure, type EnrollmentAttempt } from "../data/enrollment-attempts";
import { getHealthSystemWithClient } from "../data/health-systems";
import { isConnectedTo } from "../data/participant-connected";
import { CONTINUE_PARAM, connectingPage, continueHref, type ConnectingWords } from "../enrollment/connecting-page";
import { enrollmentContext, type EnrollmentContext } from "../enrollment/context";
import { clearedConsentCookie } from "../enrollment/consent-cookie";
import { failureForCallbackError, problemHref, type EnrollmentFailure } from "../enrollment/failures";
import { env } from "../env";
import { healthSystemIdFromProvider } from "../health-systems/policy";
import { LOCALE_COOKIE } from "../i18n/locales";
import { resolveLocale } from "../i18n/negotiate";
import { translatorFor } from "../i18n/translate";
import { log } from "../log";
import { attemptCookieName, authCookies, clearedAttemptCookie, cookieName } from "./cookies";
import { currentParticipant, handlers } from "./participant-auth";

const SINGLE_PARAMS = ["code", "state", "error", "iss", "error_description", CONTINUE_PARAM];
const MAX_PARAM_LENGTH = 4096;
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/**
 * The participant's problem page; the failure is also recorded on their attempt (the attempt
 * cookie names it), so the study team sees it in the enrollment funnel.
 */
async function problem(request: NextRequest, reason: EnrollmentFailure, detail: string, healthSystemId?: string | null): Promise<NextResponse> {
  log.warn("enrollment.callback_failed", { reason, detail, healthSystemId });
  await recordAttemptFailure(request.cookies.get(attemptCookieName())?.value, reason).catch((error: unknown) =>
    log.error("enrollment.failure_not_recorded", { error: error instanceof Error ? error.message : String(error) }),
  );
  const response = NextResponse.redirect(new URL(problemHref(reason, healthSystemId), env().PORTAL_URL), 303);
  response.cookies.set(clearedAttemptCookie());
  // A consent older than the participant's withdrawal: they read and agree to it again.
  if (reason === "consent") response.cookies.set(clearedConsentCookie());
  return response;
}

/**
 * No open attempt in this browser: say what really happened. Signed in and already connected to
 * this health system (the callback replayed, e.g. by Back): My study, "already connected". No
 * trace of a sign-in started in this browser: the link was opened in another browser than the one
 * that started (a phone handing it to another app). An attempt used or past its 15 minutes: expired.
 */
async function noOpenAttempt(request: NextRequest, healthSystemId: string | null): Promise<NextResponse> {
  const me = await currentParticipant().catch(() => null);
  if (me && healthSystemId && (await isConnectedTo(me, healthSystemId))) {
    log.info("enrollment.callback_replayed", { healthSystemId });
    const response = NextResponse.redirect(new URL("/me?notice=already-connected", env().PORTAL_URL), 303);
    response.cookies.set(clearedAttemptCookie());
    return response;
  }
  // The browser that started holds the attempt cookie, or next-auth's state and PKCE cookies (15 minutes).
  const cookies = authCookies("participant");
  const started = [attemptCookieName(), cookies.state.name, cookies.pkceCodeVerifier.name].some((name) => request.cookies.has(name));
  return problem(request, started ? "expired" : "other-browser", started ? "attempt used or expired" : "no sign-in started in this browser", healthSystemId);
}

/** "Connecting to …" in the participant's language (the browser's chosen one, else Accept-Language). */
function connectingWords(request: NextRequest, name: string): ConnectingWords {
  const lang = resolveLocale({ cookie: request.cookies.get(cookieName(LOCALE_COOKIE))?.value, acceptLanguage: request.headers.get("accept-language") });
  const t = translatorFor(lang, "connecting");
  return { lang, title: t("title", { name }), wait: t("wait"), stuck: t("stuck"), continue: t("continue") };
}

type Checked = { attempt: EnrollmentAttempt; found: NonNullable<Awaited<ReturnType<typeof getHealthSystemWithClient>>> };

/**
 * Walkthrough step 3, the callback, checked before next-auth sees it: the EHR's `error` (with or
 * without `state`, as S4S sends access_denied), the pending attempt (single use, 15 minutes),
 * that the callback is for the health system the participant chose (and its RFC 9207 `iss`),
 * and sane parameters. Run on both requests of the callback (the "Connecting…" page, then the
 * exchange), so a dead end is told at once, without waiting on the EHR.
 */
async function check(request: NextRequest, healthSystemId: string | null): Promise<Checked | NextResponse> {
  const params = request.nextUrl.searchParams;
  for (const name of SINGLE_PARAMS) {
    if (params.getAll(name).length > 1) return problem(request, "state", `repeated ${name}`, healthSystemId);
    if ((params.get(name)?.length ?? 0) > MAX_PARAM_LENGTH) return problem(request, "state", `oversized ${name}`, healthSystemId);
  }
  const error = params.get("error");
  if (error) return problem(request, failureForCallbackError(error), `ehr error ${error.slice(0, 64)}`, healthSystemId);

  const attempt = await getOpenAttempt(request.cookies.get(attemptCookieName())?.value);
  if (!attempt) return noOpenAttempt(request, healthSystemId);
  if (!healthSystemId || attempt.healthSystemId !== healthSystemId) return problem(request, "state", "callback for another health system", healthSystemId);
  if (!params.get("state")) return problem(request, "state", "missing state", healthSystemId);
  if (!params.get("code")) return problem(request, "ehr-invalid", "missing code", healthSystemId);
  const found = await getHealthSystemWithClient(healthSystemId);
  if (!found) return problem(request, "setup", "unknown health system", healthSystemId);
  const iss = params.get("iss");
  if (iss && iss !== (found.healthSystem.config.issuer ?? found.healthSystem.config.fhirBaseUrl)) {
    return problem(request, "state", "iss does not match the chosen health system", healthSystemId);
  }
  return { attempt, found };
}

/**
 * The callback. First request (as the EHR redirects): the checks, then at once the
 * "Connecting to <health system>…" page, which continues to the same URL with `continue=1`.
 * Second request: the checks again, then next-auth checks state and PKCE against this browser's
 * cookies and runs the token exchange; whatever fails is recorded in the enrollment context, so
 * the participant sees the page for what really happened.
 */
export async function handleParticipantCallback(request: NextRequest, providerId: string): Promise<Response> {
  const started = performance.now();
  const healthSystemId = healthSystemIdFromProvider(providerId);
  const checked = await check(request, healthSystemId);
  if (checked instanceof NextResponse) return checked;
  const { attempt, found } = checked;
  if (request.nextUrl.searchParams.get(CONTINUE_PARAM) !== "1") {
    return new NextResponse(connectingPage(connectingWords(request, found.healthSystem.name), continueHref(request.nextUrl)), {
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8", ...NO_STORE },
    });
  }

  const context: EnrollmentContext = {
    attemptId: attempt.id,
    signIn: { healthSystem: found.healthSystem, client: attempt.client ?? found.client },
  };
  const checksDone = performance.now();
  // next-auth sees the callback as the EHR sent it (without the portal's own `continue`).
  const exchangeUrl = new URL(request.nextUrl.href);
  exchangeUrl.searchParams.delete(CONTINUE_PARAM);
  const exchange = new NextRequest(exchangeUrl, { method: "GET", headers: request.headers });
  const response = await enrollmentContext.run(context, () => handlers.GET(exchange));
  if (!context.participantId) {
    return problem(request, context.failure ?? "state", context.failureDetail ?? "state or PKCE check failed", healthSystemId);
  }
  const done = new NextResponse(null, { status: 303, headers: response.headers });
  done.headers.set("location", response.headers.get("location") ?? "/connect/done");
  done.cookies.set(clearedAttemptCookie());
  // How long the callback took, and how much of it was waiting on the EHR (bench: callback).
  const total = performance.now() - started;
  const dur = (ms: number | undefined) => (ms ?? 0).toFixed(1);
  done.headers.set(
    "server-timing",
    `total;dur=${dur(total)}, ehr;dur=${dur(context.ehrWaitMs)}, checks;dur=${dur(checksDone - started)}, store;dur=${dur(context.storeMs)}`,
  );
  return done;
}
