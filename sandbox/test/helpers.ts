/** Shared test helpers: start a sandbox on a random port, register clients, call the token endpoint. */
import { startSandbox, type RunningSandbox } from "../server";
import type { SandboxOptions } from "../options";
import { s256 } from "../oauth/pkce";
import { Browser, authorizeInBrowser, type SignIn } from "./browser";

export const REDIRECT_URI = "https://not-a-real-site/authorized";
export const S4S_SCOPE = "launch/patient patient/*.read offline_access";

export function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, quiet: true, ...options });
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
}

export const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });

export interface Registered {
  client_id: string;
  client_secret?: string;
  [key: string]: unknown;
}

export async function registerS4s(sb: RunningSandbox, extra: Record<string, unknown> = {}): Promise<Registered> {
  const res = await postJson(`${sb.url}/oauth/register`, {
    client_name: "Fake Research Application",
    redirect_uris: [REDIRECT_URI],
    scope: S4S_SCOPE,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return (await res.json()) as Registered;
}

export async function registerV2(sb: RunningSandbox, extra: Record<string, unknown> = {}): Promise<Registered> {
  const res = await postJson(`${sb.url}/v2/oauth/register`, {
    client_name: "Research App v2",
    redirect_uris: [REDIRECT_URI],
    scope: "launch/patient patient/*.rs patient/*.read offline_access",
    token_endpoint_auth_method: "none",
    ...extra,
  });
  if (res.status !== 201) throw new Error(`register v2: ${res.status} ${await res.text()}`);
  return (await res.json()) as Registered;
}

export function s4sAuthorizeUrl(sb: RunningSandbox, clientId: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: S4S_SCOPE,
    state: "my-obscured-state",
    aud: sb.s4sFhirBase,
    ...extra,
  });
  return `${sb.url}/oauth/authorize?${params}`;
}

export const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-sandbox-test";

export function v2AuthorizeUrl(sb: RunningSandbox, clientId: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: "launch/patient patient/*.rs offline_access",
    state: "v2-state",
    aud: sb.v2FhirBase,
    code_challenge: s256(VERIFIER),
    code_challenge_method: "S256",
    ...extra,
  });
  return `${sb.url}/v2/oauth/authorize?${params}`;
}

/** Authorize in a fresh browser as `who` (default daniel-adams picking himself) and return the code. */
export async function getCode(sb: RunningSandbox, authorizeUrl: string, who: Partial<SignIn> = {}): Promise<string> {
  const browser = new Browser(sb.url);
  const result = await authorizeInBrowser(browser, authorizeUrl, { username: "daniel-adams", patient: "Daniel Adams", ...who });
  const code = result.redirect?.searchParams.get("code");
  if (!code) throw new Error(`No code: ${result.redirect?.toString() ?? (await result.page?.text())}`);
  return code;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  patient: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

export async function s4sTokens(sb: RunningSandbox, client: Registered, who: Partial<SignIn> = {}): Promise<Tokens> {
  const code = await getCode(sb, s4sAuthorizeUrl(sb, client.client_id), who);
  const res = await postForm(`${sb.url}/oauth/token`, { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }, basic(client.client_id, client.client_secret ?? ""));
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()) as Tokens;
}

export function bearer(token: string): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${token}` } };
}

/** Tokens minted by the debug endpoint for a client, user and patient (every data category shared). */
export async function debugTokens(sb: RunningSandbox, client: Registered, username = "daniel-adams", patient_id = "smart-1288992"): Promise<{ access_token: string; refresh_token: string }> {
  const res = await postJson(`${sb.url}/oauth/debug/token`, { client_id: client.client_id, username, patient_id });
  if (res.status !== 200) throw new Error(`debug token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { access_token: string; refresh_token: string };
}
