/**
 * The token endpoint's answer, read as untrusted input and reduced to what the portal keeps.
 * The raw body is never kept. Decisions:
 * - expires_in: a number, or a string of digits ("3600", sent by some servers), is accepted;
 *   fractions are rounded down; it must be at least 1 second and at most 10 years.
 * - patient: must be a FHIR id (see isValidFhirId); absent is not an error here.
 * - id_token: decoded WITHOUT verification, only to read fhirUser (or SMART 1's `profile`);
 *   a malformed id_token is dropped rather than failing the connection.
 * - refresh_token_expires_in: not in RFC 6749, but sent by several servers to say how long the
 *   refresh token (the participant's approval) lasts; read like expires_in, and dropped (never
 *   failing the exchange) when unusable, since it is only a hint.
 * - null is treated like an absent optional field.
 */
import { decodeJwt } from "jose";
import { z } from "zod";
import { oauthErrorFromJson } from "./http-body";
import { fail, ok, type Result } from "./result";
import { isValidFhirId } from "./scopes";
import { parseWith } from "./validate";

export interface TokenSet {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn?: number;
  /** now + expiresIn, from the injectable clock. */
  expiresAt?: Date;
  /** Absent means "as requested" (RFC 6749 §5.1). */
  scope?: string;
  /** Absent after a refresh means: keep the refresh token you already have (RFC 6749 §6). */
  refreshToken?: string;
  patient?: string;
  idToken?: string;
  fhirUser?: string;
  /** When the refresh token (the participant's approval) ends, if the server says. */
  refreshTokenExpiresAt?: Date;
}

const MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

const ExpiresIn = z
  .union([z.number(), z.string().regex(/^\d{1,10}$/, "must be a number of seconds").transform(Number)])
  .transform((seconds) => Math.floor(seconds))
  .pipe(z.number().int().min(1, "must be a positive number of seconds").max(MAX_EXPIRES_IN));

const TokenResponse = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().max(64).refine((t) => t.toLowerCase() === "bearer", "must be Bearer"),
  expires_in: optional(ExpiresIn),
  scope: optional(z.string().max(4096)),
  refresh_token: optional(z.string().min(1).max(4096)),
  patient: optional(z.string().refine(isValidFhirId, "is not a valid FHIR id")),
  id_token: optional(z.string().max(16_384)),
  fhirUser: optional(z.string().min(1).max(1024)),
  refresh_token_expires_in: z.unknown().optional(),
});

const FhirUserClaim = z.string().min(1).max(1024);

function fhirUserFrom(idToken: string): { valid: boolean; fhirUser?: string } {
  try {
    const claims = decodeJwt(idToken);
    const claim = FhirUserClaim.safeParse(claims.fhirUser ?? claims.profile);
    return claim.success ? { valid: true, fhirUser: claim.data } : { valid: true };
  } catch {
    return { valid: false };
  }
}

export function parseTokenResponse(body: unknown, status: number, now: Date): Result<TokenSet> {
  if (typeof body === "object" && body !== null && !("access_token" in body)) {
    const error = oauthErrorFromJson(body, { status });
    if (error) return fail(error);
  }
  const parsed = parseWith(TokenResponse, body, "token response", status);
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  const fromIdToken = t.id_token === undefined ? { valid: false } : fhirUserFrom(t.id_token);
  const fhirUser = fromIdToken.fhirUser ?? t.fhirUser;
  const refreshLifetime = ExpiresIn.safeParse(t.refresh_token_expires_in);
  return ok({
    accessToken: t.access_token,
    tokenType: "Bearer",
    ...(t.expires_in !== undefined && {
      expiresIn: t.expires_in,
      expiresAt: new Date(now.getTime() + t.expires_in * 1000),
    }),
    ...(t.scope !== undefined && { scope: t.scope }),
    ...(t.refresh_token !== undefined && { refreshToken: t.refresh_token }),
    ...(t.patient !== undefined && { patient: t.patient }),
    ...(fromIdToken.valid && t.id_token !== undefined && { idToken: t.id_token }),
    ...(fhirUser !== undefined && { fhirUser }),
    ...(refreshLifetime.success && { refreshTokenExpiresAt: new Date(now.getTime() + refreshLifetime.data * 1000) }),
  });
}
