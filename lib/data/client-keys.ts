import "server-only";
import type { JWK } from "jose";
import { seal, unseal } from "../crypto/secrets";
import { db } from "../db";
import { generateClientKeyPair } from "../smart";

/**
 * The portal's key pair for private_key_jwt client authentication. The private key is stored
 * encrypted; the public keys are published at /.well-known/jwks.json.
 */
export async function getOrCreateClientKey(): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
  const client = await db();
  const existing = await client.clientKey.findFirst({
    where: { active: true },
    orderBy: { createdAt: "desc" },
    select: { kid: true, publicJwk: true, privateJwkEnc: true },
  });
  if (existing) {
    const privateJwk = JSON.parse(unseal(existing.privateJwkEnc, { table: "ClientKey", column: "privateJwkEnc", rowId: existing.kid })) as JWK;
    return { kid: existing.kid, privateJwk, publicJwk: JSON.parse(existing.publicJwk) };
  }
  const { privateJwk, publicJwk } = await generateClientKeyPair("ES384");
  const kid = String(publicJwk.kid);
  await client.clientKey.create({
    data: { kid, alg: "ES384", publicJwk: JSON.stringify(publicJwk), privateJwkEnc: seal(JSON.stringify(privateJwk), { table: "ClientKey", column: "privateJwkEnc", rowId: kid }) },
  });
  return { kid, privateJwk, publicJwk };
}

/** Public keys only: what /.well-known/jwks.json serves. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  const rows = await (await db()).clientKey.findMany({ where: { active: true }, select: { publicJwk: true } });
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as JWK) };
}

/** Adds the portal's private key to a client that authenticates with private_key_jwt. */
export async function withClientKey<T extends { tokenEndpointAuthMethod: string } | null>(client: T): Promise<T> {
  if (!client || client.tokenEndpointAuthMethod !== "private_key_jwt") return client;
  return { ...client, privateJwk: (await getOrCreateClientKey()).privateJwk };
}
