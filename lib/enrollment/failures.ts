/**
 * Every way an enrollment can fail, with what the participant is told and what they can do.
 * next-auth reports most callback failures as one generic error; the portal records which one
 * happened (lib/auth/participant-callback.ts) and shows the matching page.
 */
export type EnrollmentFailure =
  | "declined"
  | "scope"
  | "expired"
  | "other-browser"
  | "state"
  | "ehr-unavailable"
  | "ehr-invalid"
  | "ehr-refused"
  | "no-patient"
  | "setup"
  | "busy"
  | "consent";

/**
 * `retry`: whether "Try again" (the same health system, started afresh) is offered;
 * `retryHref`: where to go instead of starting that health system again.
 */
export const FAILURE_PAGES: Record<EnrollmentFailure, { title: string; message: string; retry: boolean; retryHref?: string }> = {
  consent: {
    title: "Please read the consent again",
    message: "You left the study earlier. To take part again, please read the study consent and agree to it first. Nothing was saved.",
    retry: true,
    retryHref: "/connect",
  },
  declined: {
    title: "You did not approve sharing",
    message: "Nothing was shared with the study. If you change your mind, you can connect again at any time.",
    retry: true,
  },
  scope: {
    title: "Your health system did not accept the request",
    message: "Your health system did not allow the kind of access the study asks for. Nothing was shared. You can try again or choose another health system.",
    retry: true,
  },
  expired: {
    title: "This sign-in has expired",
    message: "Connecting took too long, or this link was already used. Nothing was saved. Please start again.",
    retry: true,
  },
  "other-browser": {
    title: "Please finish in the browser where you started",
    message:
      "Your health system sent you back to a different browser or app from the one where you started connecting (phones sometimes open links in another app). Nothing was saved here. To finish: go back to the browser where you started and open the link there, within a few minutes. Or start again here.",
    retry: true,
  },
  state: {
    title: "We could not confirm this sign-in",
    message: "For your safety we stopped, because we could not confirm that this sign-in was started by you on this device. Nothing was saved. Please start again.",
    retry: true,
  },
  "ehr-unavailable": {
    title: "Your health system is not answering",
    message: "Your health system did not answer in time. Nothing was saved. Please try again in a few minutes.",
    retry: true,
  },
  "ehr-invalid": {
    title: "Your health system sent something we could not use",
    message: "Nothing was saved. Please try again later, or choose another health system. The study team has been told.",
    retry: true,
  },
  "ehr-refused": {
    title: "Your health system refused the connection",
    message: "Your health system did not accept the request from the study. Nothing was saved. Please start again.",
    retry: true,
  },
  "no-patient": {
    title: "Your health system did not say whose record to share",
    message: "The sign-in worked, but your health system did not tell us which patient record to share, so nothing was saved. Please try again or choose another health system.",
    retry: true,
  },
  busy: {
    title: "Many people are connecting right now",
    message: "We are busy. Nothing was saved. Please wait a minute, then press Try again.",
    retry: true,
  },
  setup: {
    title: "This health system is not ready",
    message: "The study cannot connect to this health system right now. Nothing was saved. Please choose another health system or try again later.",
    retry: true,
  },
};

/** The problem page for a failure; with the health system when known, so "Try again" restarts it. */
export function problemHref(reason: EnrollmentFailure, healthSystemId?: string | null): string {
  const hs = healthSystemId && /^[A-Za-z0-9_-]{1,64}$/.test(healthSystemId) ? `&hs=${healthSystemId}` : "";
  return `/connect/problem?reason=${reason}${hs}`;
}

export function isEnrollmentFailure(value: unknown): value is EnrollmentFailure {
  return typeof value === "string" && Object.hasOwn(FAILURE_PAGES, value);
}

/** Maps an OAuth `error` the EHR put on the callback to the page to show. */
export function failureForCallbackError(error: string): EnrollmentFailure {
  if (error === "access_denied") return "declined";
  if (error === "invalid_scope") return "scope";
  if (error === "temporarily_unavailable" || error === "server_error") return "ehr-unavailable";
  return "ehr-refused";
}
