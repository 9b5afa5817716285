import "server-only";
import { operator } from "../data/callers";
import { createResearchClient, setResearchClientDisabled } from "../data/research-clients";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { fetchJwks, parseJwks, type PublicJwks } from "./jwks";

/**
 * Adding a research client (npm run research:client): its name and its public keys — a JWKS URL
 * the portal can read now (https on a public address in production, like every outside URL),
 * or a JWK Set file. The client id it gets is what the tool puts in `iss` and `sub`.
 */
export const MAX_JWKS_FILE_BYTES = 256 * 1024;

export type RegisterInput = { name: string; jwksUrl?: string; jwksFileText?: string };
export type RegisterOutcome = { ok: true; id: string; keyIds: string[] } | { ok: false; message: string };

export async function registerResearchClient(input: RegisterInput): Promise<RegisterOutcome> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) return { ok: false, message: "--name must have 1 to 100 characters." };
  if ((input.jwksUrl === undefined) === (input.jwksFileText === undefined)) return { ok: false, message: "Give exactly one of --jwks-url and --jwks-file." };
  let jwks: PublicJwks;
  if (input.jwksUrl !== undefined) {
    const fetched = await fetchJwks(input.jwksUrl, { policy: ehrUrlPolicy(), timeoutMs: ehrTimeoutMs() });
    if (!fetched.ok) return { ok: false, message: `The JWKS URL cannot be used: ${fetched.message}.` };
    jwks = fetched.jwks;
  } else {
    const text = input.jwksFileText!;
    if (text.length > MAX_JWKS_FILE_BYTES) return { ok: false, message: "The JWK Set file is larger than 256 KB." };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, message: "The JWK Set file is not JSON." };
    }
    const parsed = parseJwks(json);
    if (!parsed.ok) return { ok: false, message: `The JWK Set file cannot be used: ${parsed.message}.` };
    jwks = parsed.jwks;
  }
  const { id } = await createResearchClient(operator("research:client"), input.jwksUrl !== undefined ? { name, jwksUrl: input.jwksUrl } : { name, jwks });
  return { ok: true, id, keyIds: jwks.keys.map((k) => String(k.kid ?? "(no kid)")) };
}

export async function disableResearchClient(id: string, disabled: boolean): Promise<{ name: string } | null> {
  return setResearchClientDisabled(operator("research:client"), id.trim(), disabled);
}
