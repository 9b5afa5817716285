/**
 * An enrollment in steps, over plain HTTP (like bench/support/participant.ts, but each step is
 * exposed so a case can tamper with the callback, replay it, or post a form cross-site).
 */
import { formFields } from "../bench/support/participant";
import { connectingTarget } from "../lib/enrollment/connecting-page";

export { formFields };
import { Browser, authorizeInBrowser, type SignIn } from "../sandbox/test/browser";

/** Consent, then "Connect to …": the browser (with its cookies) and the EHR authorize URL. */
export async function startEnrollment(portalUrl: string, healthSystem: string): Promise<{ browser: Browser; authorize: string }> {
  const browser = new Browser(portalUrl);
  const consent = await formFields(browser, "/connect", "Continue");
  consent.append("agree", "yes");
  const agreed = await browser.fetch("/connect", { method: "POST", body: consent });
  if (agreed.status !== 303) throw new Error(`consent answered ${agreed.status}`);
  const connect = await browser.fetch("/connect/choose", { method: "POST", body: await formFields(browser, "/connect/choose", `Connect to ${healthSystem}`) });
  const authorize = connect.headers.get("location");
  if (!authorize) throw new Error(`"Connect to ${healthSystem}" answered ${connect.status} without a redirect`);
  return { browser, authorize };
}

/** Signs in and approves at the sandbox; the callback URL it redirects to. */
export async function approveAtSandbox(authorize: string, who: SignIn): Promise<URL> {
  const { redirect } = await authorizeInBrowser(new Browser(new URL(authorize).origin), authorize, who);
  if (!redirect) throw new Error("the sandbox did not redirect back to the portal");
  return redirect;
}

/** The hostile EHR approves at once: its authorize endpoint redirects straight back. */
export async function approveAtHostile(authorize: string): Promise<URL> {
  const res = await fetch(authorize, { redirect: "manual" });
  const location = res.headers.get("location");
  if (!location) throw new Error(`the hostile EHR answered ${res.status}`);
  return new URL(location);
}

/** Where the portal sent the participant after the callback (path + query), and the response. */
export async function deliverCallback(browser: Browser, callback: URL | string): Promise<{ status: number; location: string; body: string; setCookies: string[] }> {
  let res = await browser.fetch(callback.toString());
  let body = await res.text();
  // The callback first answers "Connecting to …" (200), which moves on to the exchange itself.
  const next = res.status === 200 ? connectingTarget(body) : null;
  if (next) {
    res = await browser.fetch(next);
    body = await res.text();
  }
  const location = res.headers.get("location") ?? "";
  return { status: res.status, location, body, setCookies: res.headers.getSetCookie() };
}

/** A whole enrollment at the sandbox; the browser keeps the participant's session. */
export async function enrollAtSandbox(portalUrl: string, healthSystem: string, who: SignIn): Promise<{ browser: Browser; location: string; setCookies: string[] }> {
  const { browser, authorize } = await startEnrollment(portalUrl, healthSystem);
  const done = await deliverCallback(browser, await approveAtSandbox(authorize, who));
  return { browser, location: done.location, setCookies: done.setCookies };
}
