import "server-only";
import { recordSyncError, saveSnapshot } from "../data/snapshots";
import { readPatient, type ReadPatientError } from "../fhir/reader";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import { timedEhrCall } from "./context";

/**
 * Walkthrough step 5: GET Patient/{patient} with the bearer token and store it as the
 * connection's snapshot. A failed read never loses anything: the connection stays stored, the
 * last good snapshot stays, and the error is recorded for staff (the snapshot is retried later).
 */
export async function fetchAndStoreSnapshot(input: {
  connectionId: string;
  fhirBaseUrl: string;
  fhirVersion: string | null;
  patientId: string;
  accessToken: string;
}): Promise<{ ok: boolean; error?: ReadPatientError }> {
  const result = await timedEhrCall(() =>
    readPatient({
      fhirBaseUrl: input.fhirBaseUrl,
      patientId: input.patientId,
      accessToken: input.accessToken,
      timeoutMs: ehrTimeoutMs(),
      policy: ehrUrlPolicy(),
    }),
  );
  if (!result.ok) {
    log.warn("snapshot.read_failed", { connectionId: input.connectionId, kind: result.error.kind, status: result.error.status });
    await recordSyncError(input.connectionId, result.error.message);
    return { ok: false, error: result.error };
  }
  await saveSnapshot(input.connectionId, { patient: result.patient, raw: result.raw, fhirVersion: input.fhirVersion });
  return { ok: true };
}
