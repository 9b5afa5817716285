import "server-only";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";

/** A health system as admins see it: status and registration details, never the client secret. */
export type HealthSystemAdminView = {
  id: string;
  name: string;
  fhirBaseUrl: string;
  fhirVersion: string | null;
  status: string;
  statusMessage: string | null;
  registrationStrategy: string;
  clientId: string | null;
  hasClientSecret: boolean;
  tokenEndpointAuthMethod: string;
  registrationEndpoint: string | null;
  scope: string;
  discoveredAt: Date;
  connections: number;
};

export async function listHealthSystemsForAdmin(staff: StaffSession): Promise<HealthSystemAdminView[]> {
  assertRole(staff, "admin");
  const rows = await (await db()).healthSystem.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      fhirBaseUrl: true,
      fhirVersion: true,
      status: true,
      statusMessage: true,
      registrationStrategy: true,
      clientId: true,
      clientSecretEnc: true,
      tokenEndpointAuthMethod: true,
      registrationEndpoint: true,
      scope: true,
      discoveredAt: true,
      _count: { select: { connections: true } },
    },
  });
  return rows.map(({ clientSecretEnc, _count, ...row }) => ({ ...row, hasClientSecret: clientSecretEnc !== null, connections: _count.connections }));
}
