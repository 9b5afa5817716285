/**
 * Setup for the `sync` and `record` benchmarks: registers a client at the sandbox (the `s4s`
 * profile, or `smart-v2`), mints tokens for synthetic users user-000001… (patients
 * synthetic-000001…) with its debug endpoint, and inserts the health system (with its politeness
 * settings), participants and connections (tokens sealed as the portal stores them) in bulk.
 */
import { randomUUID } from "node:crypto";
import type { RunningSandbox } from "../../sandbox/server";
import { createDb } from "../../lib/db/client";
import { providerOf } from "../../lib/db/provider";
import { createKeyring, encrypt } from "../../lib/crypto/encryption";

const pad = (n: number) => String(n).padStart(6, "0");

async function post(url: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, string>;
}

export type SeedOptions = {
  profile?: "s4s" | "smart-v2";
  /** The scope granted (default `launch/patient patient/*.read offline_access`). */
  scope?: string;
  maxRequestsInFlight?: number;
  requestsPerMinute?: number;
  /** Access tokens still valid, as right after enrollment (default: expired, so the pass refreshes first). */
  freshTokens?: boolean;
};

export async function seedConnections(sandbox: RunningSandbox, databaseUrl: string, count: number, options: SeedOptions = {}): Promise<{ clientId: string; clientSecret: string; healthSystemId: string }> {
  const ring = createKeyring(process.env.TOKEN_ENCRYPTION_KEY ?? "", "");
  const scope = options.scope ?? "launch/patient patient/*.read offline_access";
  const v2 = options.profile === "smart-v2";
  const oauth = `${sandbox.url}${v2 ? "/v2" : ""}/oauth`;
  const client = await post(`${oauth}/register`, { client_name: "Sync benchmark", redirect_uris: ["https://bench.invalid/cb"], scope, ...(v2 && { token_endpoint_auth_method: "client_secret_basic" }) });
  const accessLifetime = options.freshTokens ? 3600 : -10;
  const db = createDb(databaseUrl);
  try {
    const hsId = randomUUID();
    const hs = await db.healthSystem.create({
      data: {
        id: hsId,
        name: "Sandbox (benchmark)",
        fhirBaseUrl: v2 ? sandbox.v2FhirBase : sandbox.s4sFhirBase,
        fhirVersion: v2 ? "4.0.1" : "1.0.2",
        authorizationEndpoint: `${oauth}/authorize`,
        tokenEndpoint: `${oauth}/token`,
        scope,
        clientId: client.client_id!,
        clientSecretEnc: encrypt(ring, client.client_secret!, { table: "HealthSystem", column: "clientSecretEnc", rowId: hsId }),
        maxRequestsInFlight: options.maxRequestsInFlight ?? null,
        requestsPerMinute: options.requestsPerMinute ?? null,
      },
    });
    for (let start = 1; start <= count; start += 100) {
      const numbers = Array.from({ length: Math.min(100, count - start + 1) }, (_, i) => start + i);
      const tokens = await Promise.all(
        numbers.map((n) => post(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username: `user-${pad(n)}`, patient_id: `synthetic-${pad(n)}`, access_lifetime: accessLifetime, scope })),
      );
      const participants = numbers.map(() => ({ id: randomUUID(), consentVersion: "bench", consentedAt: new Date() }));
      await db.participant.createMany({ data: participants });
      const ids = numbers.map(() => randomUUID());
      await db.connection.createMany({
        data: numbers.map((n, i) => ({
          id: ids[i]!,
          participantId: participants[i]!.id,
          healthSystemId: hs.id,
          patientId: `synthetic-${pad(n)}`,
          accessTokenEnc: encrypt(ring, tokens[i]!.access_token!, { table: "Connection", column: "accessTokenEnc", rowId: ids[i]! }),
          accessTokenExpiresAt: new Date(Date.now() + accessLifetime * 1000),
          refreshTokenEnc: encrypt(ring, tokens[i]!.refresh_token!, { table: "Connection", column: "refreshTokenEnc", rowId: ids[i]! }),
          grantedScope: scope,
          approvalExpiresAt: new Date(Date.now() + 365 * 86_400_000),
        })),
      });
    }
    // A live PostgreSQL database has planner statistics (autovacuum analyzes a table within a
    // minute of a bulk load); this one was filled a moment ago, so it gets them here. Without
    // them the claim believed only a handful of rows were due and sorted them all each time.
    if (providerOf(databaseUrl) === "postgres") await db.$executeRawUnsafe(`ANALYZE "Participant", "Connection"`);
    return { clientId: client.client_id!, clientSecret: client.client_secret!, healthSystemId: hsId };
  } finally {
    await db.$disconnect();
  }
}
