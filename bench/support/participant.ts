/**
 * A participant's enrollment driven over plain HTTP, the way a browser without JavaScript would:
 * the portal's forms are progressively enhanced (server actions posted as multipart forms), the
 * sandbox's are plain HTML. Used by benchmarks and load tests; no browser needed.
 */
import { Browser, authorizeInBrowser, type SignIn } from "../../sandbox/test/browser";
import { connectingTarget } from "../../lib/enrollment/connecting-page";
import { translatorFor } from "../../lib/i18n/translate";

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The fields of the portal form holding the button whose text contains `button` (its hidden inputs). */
export async function formFields(browser: Browser, path: string, button: string): Promise<FormData> {
  const html = await (await browser.fetch(path)).text();
  for (const [, inner = ""] of html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)) {
    if (!decode(inner.replace(/<[^>]+>/g, "")).includes(button)) continue;
    const body = new FormData();
    for (const [tag] of inner.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(tag)?.[1];
      if (name) body.append(decode(name), decode(/value="([^"]*)"/.exec(tag)?.[1] ?? ""));
    }
    return body;
  }
  throw new Error(`No form with "${button}" on ${path}`);
}

/** Posts the portal form that holds the button whose text contains `button`, with extra fields. */
async function submitPortalForm(browser: Browser, path: string, button: string, fields: Record<string, string> = {}): Promise<Response> {
  const body = await formFields(browser, path, button);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return browser.fetch(path, { method: "POST", body });
}

export type EnrollmentResult = { ok: boolean; location: string; totalMs: number; ehrMs: number; elapsedMs: number; timing: string; connectingMs: number };

/** Consent → "Connect to <healthSystem>" → sign in at the sandbox → approve → the portal's callback. */
export async function enrollOverHttp(portalUrl: string, healthSystem: string, who: SignIn): Promise<EnrollmentResult> {
  const started = performance.now();
  const browser = new Browser(portalUrl);
  const consent = await submitPortalForm(browser, "/connect", "Continue", { agree: "yes" });
  if (consent.status !== 303) throw new Error(`consent answered ${consent.status}`);
  const connect = await submitPortalForm(browser, "/connect/choose", `Connect to ${healthSystem}`);
  const authorize = connect.headers.get("location");
  if (!authorize) throw new Error(`"Connect to" answered ${connect.status} without a redirect`);
  // The EHR's pages in the same "browser", but relative links there resolve against the EHR.
  const { redirect } = await authorizeInBrowser(new Browser(new URL(authorize).origin), authorize, who);
  if (!redirect) throw new Error("the sandbox did not redirect back to the portal");
  // The EHR's redirect is first answered by "Connecting to …", which continues to the exchange:
  // timed from the client, from sending the request to the bytes that hold those words.
  const landed = performance.now();
  const first = await browser.fetch(redirect.toString());
  const { text: connecting, atMs } = await readUntil(first, translatorFor("en", "connecting")("title", { name: healthSystem }));
  if (atMs === null) throw new Error(`the callback answered ${first.status} without "Connecting to ${healthSystem}…"`);
  const connectingMs = atMs - landed;
  const next = first.status === 200 ? connectingTarget(connecting) : null;
  const callback = next ? await browser.fetch(next) : first;
  const timing = callback.headers.get("server-timing") ?? "";
  const duration = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(timing)?.[1] ?? NaN);
  const location = callback.headers.get("location") ?? "";
  return { ok: location.endsWith("/connect/done"), location, totalMs: duration("total"), ehrMs: duration("ehr"), elapsedMs: performance.now() - started, timing, connectingMs };
}

/** The whole body, and when (performance.now()) the bytes read so far first held `words` (null if never). */
async function readUntil(response: Response, words: string): Promise<{ text: string; atMs: number | null }> {
  const decoder = new TextDecoder();
  let text = "";
  let atMs: number | null = null;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    text += decoder.decode(read.value, { stream: true });
    if (atMs === null && text.includes(words)) atMs = performance.now();
  }
  return { text: text + decoder.decode(), atMs };
}
