import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { db } from "../db";
import { sampleRecord } from "../fhir/record/sample-record";
import type { Patient } from "../fhir/types";
import type { EnrollmentFailure } from "../enrollment/failures";
import { completeEnrollment } from "./enrollment";
import { createEnrollmentAttempt, recordAttemptFailure } from "./enrollment-attempts";
import { operator, participantSession } from "./callers";
import { saveHealthSystem } from "./health-system-save";
import { recordWithdrawal } from "./participants";
import { saveSnapshot } from "./snapshots";

/**
 * Sample participants for trying the staff dashboard in development (`npm run demo:dashboard`):
 * two demo health systems (DSTU2 and R4) at `.invalid` addresses, participants with realistic
 * records in the resource store and every state the dashboard shows (fresh, stale, sharing
 * ending, no end date, needs reconnecting, an error, deceased, withdrawn), and failed enrollment
 * attempts. Their connections are held by a lease that never ends, so no sync ever touches them.
 * Refuses to run in production. Running it again refreshes the same participants.
 */
const PEOPLE: [given: string, family: string, gender: string, birthDate: string][] = [
  ["Rosa María", "Delgado", "female", "1948-03-14"], ["Thomas", "O'Neill", "male", "1939-11-02"], ["Mei", "Chen", "female", "1961-07-21"],
  ["Samuel", "Okafor", "male", "1955-01-30"], ["Ingrid", "Johansson", "female", "1944-09-09"], ["Ahmed", "Haddad", "male", "1970-05-17"],
  ["Dorothy", "Fischer", "female", "1931-12-25"], ["Luis", "Moreno", "male", "1966-02-08"], ["Grace", "Kim", "female", "1980-10-11"],
  ["Walter", "Brooks", "male", "1942-04-04"], ["Fatima", "Rahman", "female", "1958-08-19"], ["Henry", "Walsh", "male", "1936-06-28"],
];

const DAY = 86_400_000;
const FOREVER = new Date("2999-01-01T00:00:00Z");

function demoPatient(version: "DSTU2" | "R4", id: string, [given, family, gender, birthDate]: (typeof PEOPLE)[number], deceased?: string): Patient {
  const mr = version === "R4" ? "http://terminology.hl7.org/CodeSystem/v2-0203" : "http://hl7.org/fhir/v2/0203";
  return {
    resourceType: "Patient",
    id,
    identifier: [{ use: "usual", type: { coding: [{ system: mr, code: "MR" }], text: "Medical record number" }, system: "https://demo.invalid/mrn", value: `MRN${id.replace(/\D/g, "").padStart(7, "4")}` }],
    name: [{ use: "official", family: version === "R4" ? family : [family], given: given.split(" ") }],
    gender,
    birthDate,
    ...(deceased && { deceasedDateTime: deceased }),
    address: [{ use: "home", line: ["12 Elm Street"], city: "Springfield", state: "IL", postalCode: "62701" }],
  };
}

export async function addDemoParticipants({ now = new Date() }: { now?: Date } = {}): Promise<{ participants: number; resources: number }> {
  if (process.env.NODE_ENV === "production") throw new Error("Demo participants are for development only.");
  const client = await db();
  const systems = await Promise.all(
    (["DSTU2", "R4"] as const).map((version) => {
      const base = `https://demo-${version.toLowerCase()}.invalid/fhir`;
      return saveHealthSystem(operator("demo:dashboard"), {
        name: `Demo ${version === "R4" ? "Clinic" : "Hospital"} (sample data, never synced)`,
        config: { fhirBaseUrl: base, fhirVersion: version === "R4" ? "4.0.1" : "1.0.2", authorizationEndpoint: `${base}/authorize`, tokenEndpoint: `${base}/token`, capabilities: [], codeChallengeMethods: [], scopesSupported: [], tokenEndpointAuthMethods: [], grantTypes: [], source: "smart-configuration" },
        scope: "launch/patient patient/*.read offline_access",
        strategy: "shared",
        client: { clientId: "demo-client", tokenEndpointAuthMethod: "none" },
      }).then((hs) => ({ ...hs, version }));
    }),
  );
  let resources = 0;
  for (const [i, person] of PEOPLE.entries()) {
    const hs = systems[i % 2]!;
    const patientId = `demo-${String(i + 1).padStart(3, "0")}`;
    const ehrDate = i % 3 !== 2; // a third of the EHRs never say when sharing ends
    const done = await completeEnrollment(await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: "demo", consentedAt: now }), {
      patientId,
      accessToken: "demo-not-a-token",
      accessTokenExpiresAt: new Date(now.getTime() + 3_600_000),
      refreshToken: null,
      grantedScope: "launch/patient patient/*.read offline_access",
      approvalExpiresAt: ehrDate ? new Date(now.getTime() + (5 + i * 11) * DAY) : null,
    });
    if (!done.ok) continue;
    const patient = demoPatient(hs.version, patientId, person, i === 6 ? "2019-08-03" : undefined);
    await saveSnapshot(done.connectionId, { patient, raw: patient, fhirVersion: hs.version === "R4" ? "4.0.1" : "1.0.2" });
    const record = sampleRecord(hs.version, patientId, { size: 60 + i * 40, seed: i + 1, until: now.toISOString().slice(0, 10) });
    await client.fhirResource.deleteMany({ where: { connectionId: done.connectionId } });
    await client.fhirResource.createMany({
      data: record.map((r) => {
        const json = JSON.stringify(r);
        return { id: randomUUID(), connectionId: done.connectionId, resourceType: r.resourceType, fhirId: r.id, versionId: "1", contentHash: createHash("sha256").update(json).digest("base64url"), resourceJson: json, source: "record", firstSeenAt: now, lastSeenAt: now, changedAt: new Date(now.getTime() - i * 3_600_000) };
      }),
    });
    resources += record.length;
    const stale = i % 4 === 1;
    await client.connection.update({
      where: { id: done.connectionId },
      data: {
        connectedAt: new Date(now.getTime() - (20 + i * 9) * DAY),
        lastSyncAt: new Date(now.getTime() - (stale ? 6 : 0.2) * DAY),
        recordSyncedAt: new Date(now.getTime() - (stale ? 6 : 0.2) * DAY),
        leaseOwner: "demo-data",
        leaseUntil: FOREVER,
        ...(i === 3 && { status: "needs_reconnect", statusReason: "Needs reconnecting — the health system no longer accepts this connection (revoked or expired).", lastError: "Needs reconnecting — the health system no longer accepts this connection (revoked or expired).", lastErrorAt: new Date(now.getTime() - 2 * DAY) }),
        ...(i === 5 && { lastError: "The health system did not answer in time.", lastErrorAt: new Date(now.getTime() - 5 * 3_600_000) }),
      },
    });
    if (i === PEOPLE.length - 1) await recordWithdrawal(participantSession(done.participantId), { reason: "Demo: moved away", keepSnapshot: false });
  }
  const failures: EnrollmentFailure[] = ["declined", "declined", "ehr-unavailable", "expired", "state", "no-patient"];
  for (const [i, failure] of failures.entries()) {
    await recordAttemptFailure(await createEnrollmentAttempt({ healthSystemId: systems[i % 2]!.id, consentVersion: "demo", consentedAt: now }), failure);
  }
  await createEnrollmentAttempt({ healthSystemId: systems[0]!.id, consentVersion: "demo", consentedAt: now });
  return { participants: PEOPLE.length, resources };
}
