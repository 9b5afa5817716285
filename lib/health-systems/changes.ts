/**
 * What adding an existing health system again would change (pure). Its endpoints and issuer
 * decide where every connection's tokens and the client secret are sent, and its client decides
 * whether the connections' refresh tokens still work: changing any of them needs an admin's
 * explicit confirmation, given for exactly the changes shown (their fingerprint).
 */
import { createHash } from "node:crypto";

/** The settings of a health system that connections depend on. */
export type HealthSystemSettings = {
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  registrationEndpoint: string | null;
  revocationEndpoint: string | null;
  introspectionEndpoint: string | null;
  manageEndpoint: string | null;
  registrationStrategy: string | null;
  clientId: string | null;
};

type Endpoints = { issuer?: string; authorizationEndpoint: string; tokenEndpoint: string; registrationEndpoint?: string; revocationEndpoint?: string; introspectionEndpoint?: string; manageEndpoint?: string };

/** The issuer and endpoints of a discovered SMART configuration, as stored. */
export function endpointsOf(config: Endpoints) {
  return {
    issuer: config.issuer ?? null,
    authorizationEndpoint: config.authorizationEndpoint,
    tokenEndpoint: config.tokenEndpoint,
    registrationEndpoint: config.registrationEndpoint ?? null,
    revocationEndpoint: config.revocationEndpoint ?? null,
    introspectionEndpoint: config.introspectionEndpoint ?? null,
    manageEndpoint: config.manageEndpoint ?? null,
  };
}

export type HealthSystemChange = { field: keyof HealthSystemSettings; before: string | null; after: string | null };

const LABELS: Record<keyof HealthSystemSettings, string> = {
  issuer: "Issuer",
  authorizationEndpoint: "Authorization endpoint",
  tokenEndpoint: "Token endpoint",
  registrationEndpoint: "Registration endpoint",
  revocationEndpoint: "Revocation endpoint",
  introspectionEndpoint: "Introspection endpoint",
  manageEndpoint: "Manage endpoint",
  registrationStrategy: "Registration",
  clientId: "Shared client",
};

/** A client registration that will only be made once the change is confirmed. */
export const NEW_REGISTRATION = "(a new registration)";

export function healthSystemChanges(before: HealthSystemSettings, after: HealthSystemSettings): HealthSystemChange[] {
  return (Object.keys(LABELS) as (keyof HealthSystemSettings)[])
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** One line per change, for the admin: "Token endpoint: https://a/token → https://b/token". */
export function describeChanges(changes: HealthSystemChange[]): string[] {
  return changes.map((c) => `${LABELS[c.field]}: ${c.before ?? "(none)"} → ${c.after ?? "(none)"}`);
}

/** Names exactly this set of changes: a confirmation counts only for what the admin was shown. */
export function changesFingerprint(changes: HealthSystemChange[]): string {
  return createHash("sha256").update(JSON.stringify(changes)).digest("base64url").slice(0, 22);
}
