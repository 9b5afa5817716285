/**
 * Benchmark `callback`: 200 enrollments against the sandbox, driven over HTTP. The portal's
 * callback reports (Server-Timing) its total time and the time it waited on the EHR (token
 * request + Patient read); the difference is the portal's own overhead.
 */
import { startSandbox } from "../../sandbox/server";
import { enrollOverHttp } from "../support/participant";
import { startPortal } from "../support/portal";
import { percentile, round } from "../support/stats";

const ENROLLMENTS = 200;
const WARM_UP = 10;

export async function run(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 9750, syntheticPatients: ENROLLMENTS + WARM_UP, quiet: true });
  const portal = await startPortal({ port: 3750, sandboxUrl: sandbox.url, name: "callback" });
  try {
    const overhead: number[] = [];
    const ehr: number[] = [];
    const total: number[] = [];
    const connecting: number[] = [];
    for (let i = 1; i <= ENROLLMENTS + WARM_UP; i++) {
      const result = await enrollOverHttp(portal.url, "S4S Bench Hospital", { username: `user-${String(i).padStart(6, "0")}` });
      if (!result.ok) throw new Error(`enrollment ${i} ended at ${result.location}`);
      if (i <= WARM_UP) continue;
      overhead.push(result.totalMs - result.ehrMs);
      ehr.push(result.ehrMs);
      total.push(result.totalMs);
      connecting.push(result.connectingMs);
    }
    return {
      enrollments: ENROLLMENTS,
      portalOverheadP50Ms: round(percentile(overhead, 50)),
      portalOverheadP95Ms: round(percentile(overhead, 95)),
      ehrWaitP50Ms: round(percentile(ehr, 50)),
      ehrWaitP95Ms: round(percentile(ehr, 95)),
      callbackTotalP50Ms: round(percentile(total, 50)),
      // The EHR's redirect answered by "Connecting to …", as the participant's browser waits for it (target ≤ 300 ms).
      connectingPageP50Ms: round(percentile(connecting, 50)),
      connectingPageP95Ms: round(percentile(connecting, 95)),
    };
  } finally {
    await portal.stop();
    await sandbox.close();
  }
}
