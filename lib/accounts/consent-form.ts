import type { AccountAtConsent } from "../data/participant-accounts";
import { normalizeEmail } from "./link-tokens";

/**
 * The consent form's account fields, checked (pure): an email we can write to (the form requires
 * it), and the capacity:
 * their own record, or someone they act for (then whom, and how related, in their words).
 */
export function accountAtConsent(form: FormData): { ok: true; value: AccountAtConsent } | { ok: false; error: "email" | "representing" } {
  // The form requires it; a post without one (a script, an old form) joins without an account.
  const typed = form.get("email");
  const email = typeof typed === "string" && typed.trim() !== "" ? normalizeEmail(typed) : null;
  if (typeof typed === "string" && typed.trim() !== "" && !email) return { ok: false, error: "email" };
  const capacity = form.get("capacity") === "representative" ? "representative" : "self";
  const raw = form.get("representing");
  const representing = typeof raw === "string" ? raw.trim().slice(0, 200) : "";
  if (capacity === "representative" && representing.length < 2) return { ok: false, error: "representing" };
  return { ok: true, value: { email, capacity, representing: capacity === "representative" ? representing : null, consentLocale: form.get("consentLocale") === "es" ? "es" : "en" } };
}
