import "server-only";
import { seal } from "../crypto/secrets";
import { db } from "../db";
import { assertDirectoryAdmin, type DirectoryActor } from "./directory-actor";
import { newRowId } from "./row-ids";

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
  const database = await db();
  // The row's id is known before the secret is sealed, so the sealed value names its row.
  const id = (await database.directorySource.findUnique({ where: { name: vendor }, select: { id: true } }))?.id ?? newRowId();
  const data = client
    ? {
        clientId: client.clientId,
        clientSecretEnc: client.clientSecret ? seal(client.clientSecret, { table: "DirectorySource", column: "clientSecretEnc", rowId: id }) : null,
        clientAuthMethod: client.authMethod ?? null,
        registrationStrategy: client.strategy ?? "shared",
      }
    : { clientId: null, clientSecretEnc: null, clientAuthMethod: null, registrationStrategy: "shared" };
  await database.directorySource.upsert({ where: { name: vendor }, create: { id, name: vendor, ...data }, update: data });
}

/** Dynamic registration for every endpoint of the vendor, with this client authentication (private_key_jwt, say), or one per participant. */
export async function setVendorRegistration(actor: DirectoryActor, vendor: string, { authMethod, strategy }: { authMethod?: string; strategy: "shared" | "per-participant" }): Promise<void> {
  assertDirectoryAdmin(actor);
  const data = { clientId: null, clientSecretEnc: null, clientAuthMethod: authMethod ?? null, registrationStrategy: strategy };
  await (await db()).directorySource.upsert({ where: { name: vendor }, create: { name: vendor, ...data }, update: data });
}
