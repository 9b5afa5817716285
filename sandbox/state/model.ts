/** What the sandbox remembers: registered clients, codes and grants. Zod schemas double as the state file's format. */
import { z } from "zod";

export const profileSchema = z.enum(["s4s", "smart-v2"]);
/** `s4s` mimics the S4S SMART Reference Server (DSTU2); `smart-v2` is a SMART App Launch 2 server (R4). */
export type Profile = z.infer<typeof profileSchema>;

export const authMethodSchema = z.enum(["client_secret_basic", "client_secret_post", "none", "private_key_jwt"]);
export type AuthMethod = z.infer<typeof authMethodSchema>;

export const jwkSetSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.string().max(10) })).min(1).max(20),
});
export type JwkSet = z.infer<typeof jwkSetSchema>;

export const clientSchema = z.object({
  id: z.string(),
  profile: profileSchema,
  name: z.string(),
  /** Null for public clients and private_key_jwt clients. */
  secret: z.string().nullable(),
  authMethod: authMethodSchema,
  redirectUris: z.array(z.string()),
  scope: z.string(),
  jwks: jwkSetSchema.nullable(),
  jwksUri: z.string().nullable(),
  issuedAt: z.number(),
});
export type Client = z.infer<typeof clientSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  /** Null when the grant has no refresh (smart-v2 without offline_access or online_access). */
  refreshToken: z.string().nullable(),
  scope: z.string(),
  accessExpiresAt: z.number(),
  issuedAt: z.number(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** A participant's approval of one client for one patient, and its live token pair (strict rotation: one pair at a time). */
export const grantSchema = z.object({
  id: z.string(),
  profile: profileSchema,
  clientId: z.string(),
  username: z.string(),
  patientId: z.string(),
  scope: z.string(),
  /** Data categories shared; empty means every category (debug tokens). */
  categories: z.array(z.string()),
  approvalExpiresAt: z.number(),
  createdAt: z.number(),
  tokens: tokenPairSchema.nullable(),
});
export type Grant = z.infer<typeof grantSchema>;

/** What the participant approved, waiting in an authorization code for the token request. */
export const grantDraftSchema = grantSchema.pick({
  profile: true,
  clientId: true,
  username: true,
  patientId: true,
  scope: true,
  categories: true,
  approvalExpiresAt: true,
});
export type GrantDraft = z.infer<typeof grantDraftSchema>;

export const codeSchema = z.object({
  code: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string().nullable(),
  expiresAt: z.number(),
  draft: grantDraftSchema,
  /** Set once the code was exchanged; the grant it created (smart-v2 revokes it when the code is replayed). */
  usedBy: z.string().nullable(),
});
export type Code = z.infer<typeof codeSchema>;

export const stateFileSchema = z.object({
  version: z.literal(1),
  clients: z.array(clientSchema),
  grants: z.array(grantSchema),
  codes: z.array(codeSchema),
});
export type StateSnapshot = z.infer<typeof stateFileSchema>;
