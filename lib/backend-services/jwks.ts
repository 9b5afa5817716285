/**
 * A research client's JSON Web Key Set: checked when the client is registered (public keys
 * only, each with a `kid`), and fetched from its URL under the portal's URL policy with bounds on
 * time and size. Framework-free.
 */
import type { JWK } from "jose";
import { z } from "zod";
import { checkEndpointUrl, requestJson, resolvesToAllowedAddress, technicalDescription, type HttpOptions, type LookupAll, type UrlPolicy } from "../smart";

export type PublicJwks = { keys: JWK[] };

const MAX_KEYS = 50;
const MAX_JWKS_BYTES = 256 * 1024;
/** A JWKS URL's Cache-Control is honoured up to this long (and never longer than it says). */
const MAX_CACHE_SECONDS = 3600;

const jwkSchema = z.looseObject({ kty: z.string().max(10), kid: z.string().max(200).optional() });
const jwksSchema = z.object({ keys: z.array(z.unknown()).max(MAX_KEYS) });

/** Members that only a private key has. */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

/** Validates a parsed JWK Set: at least one usable public key; refuses private key material. */
export function parseJwks(json: unknown): { ok: true; jwks: PublicJwks } | { ok: false; message: string } {
  const set = jwksSchema.safeParse(json);
  if (!set.success) return { ok: false, message: `not a JWK Set (an object with a "keys" array of at most ${MAX_KEYS} keys)` };
  const keys: JWK[] = [];
  for (const entry of set.data.keys) {
    const key = jwkSchema.safeParse(entry);
    if (!key.success) return { ok: false, message: "a key in the set is not a JWK" };
    if (PRIVATE_MEMBERS.some((m) => m in key.data)) {
      return { ok: false, message: "the set holds a PRIVATE key; give the portal the public keys only and keep the private key with the research tool" };
    }
    keys.push(key.data as JWK);
  }
  const usable = keys.filter((k) => k.kid && (k.kty === "RSA" || (k.kty === "EC" && k.crv === "P-384")));
  if (usable.length === 0) return { ok: false, message: 'the set has no RSA or EC P-384 public key with a "kid" (RS384 or ES384 signatures)' };
  return { ok: true, jwks: { keys } };
}

/** Seconds a response may be cached for, from its Cache-Control (0: not at all). */
export function cacheSeconds(cacheControl: string | null): number {
  if (!cacheControl || /no-store|no-cache|private/i.test(cacheControl)) return 0;
  const maxAge = /max-age\s*=\s*(\d+)/i.exec(cacheControl);
  return maxAge ? Math.min(Number(maxAge[1]), MAX_CACHE_SECONDS) : 0;
}

export type FetchJwksOptions = Pick<HttpOptions, "fetch" | "timeoutMs"> & { policy: UrlPolicy; lookup?: LookupAll };

/** GET the JWKS URL (https to public addresses in production, no redirects, 256 KB, bounded time). */
export async function fetchJwks(url: string, options: FetchJwksOptions): Promise<{ ok: true; jwks: PublicJwks; cacheSeconds: number } | { ok: false; message: string }> {
  const checked = checkEndpointUrl(url, options.policy, "the JWKS URL");
  if (!checked.ok) return { ok: false, message: technicalDescription(checked.error) };
  const resolved = await resolvesToAllowedAddress(checked.value.hostname, options.policy, { ...(options.lookup && { lookup: options.lookup }), timeoutMs: options.timeoutMs ?? 5_000 });
  if (!resolved.ok) return { ok: false, message: `the JWKS URL cannot be used: ${technicalDescription(resolved.error)}` };
  const response = await requestJson(checked.value, { headers: { Accept: "application/json" } }, { ...(options.fetch && { fetch: options.fetch }), timeoutMs: options.timeoutMs ?? 5_000, maxBytes: MAX_JWKS_BYTES, policy: options.policy, ...(options.lookup && { lookup: options.lookup }) });
  if (!response.ok) return { ok: false, message: `the JWKS URL did not answer with a key set: ${technicalDescription(response.error)}` };
  const parsed = parseJwks(response.value.body);
  if (!parsed.ok) return parsed;
  return { ok: true, jwks: parsed.jwks, cacheSeconds: cacheSeconds(response.value.headers.get("cache-control")) };
}
