import "server-only";
import { seal } from "../crypto/secrets";
import { db } from "../db";
import { assertDirectoryAdmin, type DirectoryActor } from "./directory-actor";

/**
 * The client staff configured for every endpoint of a vendor (one client id for every Epic
 * organization, say), used at activation instead of RFC 7591 registration. The secret is sealed.
 */
export async function setVendorClient(
  actor: DirectoryActor,
  vendor: string,
  client: { clientId: string; clientSecret?: string; authMethod?: string; strategy?: "shared" | "per-participant" } | null,
): Promise<void> {
  assertDirectoryAdmin(actor);
  const data = client
    ? { clientId: client.clientId, clientSecretEnc: client.clientSecret ? seal(client.clientSecret) : null, clientAuthMethod: client.authMethod ?? null, registrationStrategy: client.strategy ?? "shared" }
    : { clientId: null, clientSecretEnc: null, clientAuthMethod: null, registrationStrategy: "shared" };
  await (await db()).directorySource.upsert({ where: { name: vendor }, create: { name: vendor, ...data }, update: data });
}

/** Dynamic registration for every endpoint of the vendor, with this client authentication (private_key_jwt, say), or one per participant. */
export async function setVendorRegistration(actor: DirectoryActor, vendor: string, { authMethod, strategy }: { authMethod?: string; strategy: "shared" | "per-participant" }): Promise<void> {
  assertDirectoryAdmin(actor);
  const data = { clientId: null, clientSecretEnc: null, clientAuthMethod: authMethod ?? null, registrationStrategy: strategy };
  await (await db()).directorySource.upsert({ where: { name: vendor }, create: { name: vendor, ...data }, update: data });
}
