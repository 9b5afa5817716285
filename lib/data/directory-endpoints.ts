import "server-only";
import { unseal } from "../crypto/secrets";
import { db } from "../db";

/**
 * The directory's endpoints at activation (a participant chose one): what activation needs to
 * know, the lease that lets one process at a time register there, and the record staff see when
 * the endpoint did not answer. Called for a participant's choice, so it takes an endpoint id only
 * and returns nothing a participant may not see.
 */
export type EndpointToActivate = {
  id: string;
  fhirBaseUrl: string;
  healthSystemId: string | null;
  lastFailureAt: Date | null;
  brandName: string;
  vendorClient: { clientId: string | null; clientSecret?: string; authMethod: string | null; strategy: "shared" | "per-participant" };
};

export async function endpointToActivate(endpointId: string): Promise<EndpointToActivate | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(endpointId)) return null;
  const client = await db();
  const e = await client.directoryEndpoint.findUnique({
    where: { id: endpointId },
    select: { id: true, fhirBaseUrl: true, active: true, healthSystemId: true, activationErrorAt: true, name: true, sourceId: true },
  });
  if (!e || !e.active) return null;
  const [source, link] = await Promise.all([
    client.directorySource.findUnique({ where: { id: e.sourceId }, select: { clientId: true, clientSecretEnc: true, clientAuthMethod: true, registrationStrategy: true } }),
    client.directoryBrandEndpoint.findFirst({ where: { endpointId, inherited: false }, select: { brandId: true } }),
  ]);
  const brand = link ? await client.directoryBrand.findUnique({ where: { id: link.brandId }, select: { name: true } }) : null;
  return {
    id: e.id,
    fhirBaseUrl: e.fhirBaseUrl,
    healthSystemId: e.healthSystemId,
    lastFailureAt: e.activationErrorAt,
    brandName: brand?.name ?? e.name ?? new URL(e.fhirBaseUrl).host,
    vendorClient: {
      clientId: source?.clientId ?? null,
      ...(source?.clientSecretEnc && { clientSecret: unseal(source.clientSecretEnc, { table: "DirectorySource", column: "clientSecretEnc", rowId: e.sourceId }) }),
      authMethod: source?.clientAuthMethod ?? null,
      strategy: source?.registrationStrategy === "per-participant" ? "per-participant" : "shared",
    },
  };
}

/** A health system already added for this FHIR base (by staff, or by an earlier activation). */
export async function healthSystemIdForBase(fhirBaseUrl: string): Promise<string | null> {
  return (await (await db()).healthSystem.findUnique({ where: { fhirBaseUrl }, select: { id: true } }))?.id ?? null;
}

/** Takes the activation lease (compare-and-swap): true when this caller may discover and register now. */
export async function claimActivation(endpointId: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const { count } = await (await db()).directoryEndpoint.updateMany({
    where: { id: endpointId, healthSystemId: null, OR: [{ activationLeaseUntil: null }, { activationLeaseUntil: { lt: now } }] },
    data: { activationLeaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function activatedHealthSystemId(endpointId: string): Promise<string | null> {
  return (await (await db()).directoryEndpoint.findUnique({ where: { id: endpointId }, select: { healthSystemId: true } }))?.healthSystemId ?? null;
}

export async function linkActivatedEndpoint(endpointId: string, healthSystemId: string): Promise<void> {
  await (await db()).directoryEndpoint.update({
    where: { id: endpointId },
    data: { healthSystemId, activationLeaseUntil: null, activationError: null, activationErrorAt: null },
  });
}

/** What staff see on the directory page: why this endpoint could not be activated, and when. */
export async function recordActivationFailure(endpointId: string, reason: string): Promise<void> {
  await (await db()).directoryEndpoint.update({
    where: { id: endpointId },
    data: { activationError: reason.slice(0, 500), activationErrorAt: new Date(), activationFailures: { increment: 1 }, activationLeaseUntil: null },
  });
}
