import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getOpenAttempt, recordAttemptFailure } from "../data/enrollment-attempts";
import { getHealthSystemWithClient } from "../data/health-systems";
import { enrollmentContext, type EnrollmentContext } from "../enrollment/context";
import { clearedConsentCookie } from "../enrollment/consent-cookie";
import { failureForCallbackError, type EnrollmentFailure } from "../enrollment/failures";
import { env } from "../env";
import { healthSystemIdFromProvider } from "../health-systems/policy";
import { log } from "../log";
import { attemptCookieName, clearedAttemptCookie } from "./cookies";
import { handlers } from "./participant-auth";

const SINGLE_PARAMS = ["code", "state", "error", "iss", "error_description"];
const MAX_PARAM_LENGTH = 4096;

/**
 * The participant's problem page; the failure is also recorded on their attempt (the attempt
 * cookie names it), so the study team sees it in the enrollment funnel.
 */
async function problem(request: NextRequest, reason: EnrollmentFailure, detail: string, healthSystemId?: string | null): Promise<NextResponse> {
  log.warn("enrollment.callback_failed", { reason, detail, healthSystemId });
  await recordAttemptFailure(request.cookies.get(attemptCookieName())?.value, reason).catch((error: unknown) =>
    log.error("enrollment.failure_not_recorded", { error: error instanceof Error ? error.message : String(error) }),
  );
  const response = NextResponse.redirect(new URL(`/connect/problem?reason=${reason}`, env().PORTAL_URL), 303);
  response.cookies.set(clearedAttemptCookie());
  // A consent older than the participant's withdrawal: they read and agree to it again.
  if (reason === "consent") response.cookies.set(clearedConsentCookie());
  return response;
}

/**
 * Walkthrough step 3, the callback, checked before next-auth sees it: the EHR's `error` (with or
 * without `state`, as S4S sends access_denied), the pending attempt (single use, 15 minutes),
 * that the callback is for the health system the participant chose (and its RFC 9207 `iss`),
 * and sane parameters. next-auth then checks state and PKCE against this browser's cookies and
 * runs the token exchange; whatever fails is recorded in the enrollment context, so the
 * participant sees the page for what really happened.
 */
export async function handleParticipantCallback(request: NextRequest, providerId: string): Promise<Response> {
  const started = performance.now();
  const params = request.nextUrl.searchParams;
  const healthSystemId = healthSystemIdFromProvider(providerId);
  for (const name of SINGLE_PARAMS) {
    if (params.getAll(name).length > 1) return problem(request, "state", `repeated ${name}`, healthSystemId);
    if ((params.get(name)?.length ?? 0) > MAX_PARAM_LENGTH) return problem(request, "state", `oversized ${name}`, healthSystemId);
  }
  const error = params.get("error");
  if (error) return problem(request, failureForCallbackError(error), `ehr error ${error.slice(0, 64)}`, healthSystemId);

  const attempt = await getOpenAttempt(request.cookies.get(attemptCookieName())?.value);
  if (!attempt) return problem(request, "expired", "no open attempt", healthSystemId);
  if (!healthSystemId || attempt.healthSystemId !== healthSystemId) return problem(request, "state", "callback for another health system", healthSystemId);
  if (!params.get("state")) return problem(request, "state", "missing state", healthSystemId);
  if (!params.get("code")) return problem(request, "ehr-invalid", "missing code", healthSystemId);
  const found = await getHealthSystemWithClient(healthSystemId);
  if (!found) return problem(request, "setup", "unknown health system", healthSystemId);
  const { healthSystem } = found;
  const iss = params.get("iss");
  if (iss && iss !== (healthSystem.config.issuer ?? healthSystem.config.fhirBaseUrl)) {
    return problem(request, "state", "iss does not match the chosen health system", healthSystemId);
  }

  const context: EnrollmentContext = {
    attemptId: attempt.id,
    signIn: { healthSystem, client: attempt.client ?? found.client },
  };
  const checked = performance.now();
  const response = await enrollmentContext.run(context, () => handlers.GET(request));
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
    `total;dur=${dur(total)}, ehr;dur=${dur(context.ehrWaitMs)}, checks;dur=${dur(checked - started)}, store;dur=${dur(context.storeMs)}`,
  );
  return done;
}
