/**
 * The `dashboard` benchmark's HTTP half: the built portal serving one participant's page whose
 * record holds `resources` resources (a realistic DSTU2 record written into the resource store
 * the way the sync keeps it), to a signed-in study staff member, timed to the last byte.
 */
import Database from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { sampleRecord } from "../../lib/fhir/record/sample-record";
import { startSandbox } from "../../sandbox/server";
import { Browser } from "../../sandbox/test/browser";
import { enrollOverHttp } from "./participant";
import { startPortal } from "./portal";
import { percentile, round } from "./stats";

const PASSWORD = "bench-staff-password-0123";
const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

function npm(env: NodeJS.ProcessEnv, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", ...args], { env, stdio: "ignore" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${args[0]} exited ${code}`))));
  });
}

/** A port nobody listens on now (so two checkouts can run the benchmark at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function recordPageFigures({ resources, runs }: { resources: number; runs: number }): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ port: 0, syntheticPatients: 2, quiet: true });
  const portal = await startPortal({ port: await freePort(), sandboxUrl: sandbox.url, name: "dashboard-http" });
  try {
    const enrolled = await enrollOverHttp(portal.url, "S4S Bench Hospital", { username: "user-000001" });
    if (!enrolled.ok) throw new Error(`the enrollment ended at ${enrolled.location}`);
    const db = new Database(portal.env.DATABASE_URL!.replace(/^file:/, ""), { timeout: 5_000 });
    const { connectionId, participantId } = db.prepare('SELECT id AS connectionId, participantId FROM "Connection" WHERE patientId = ?').get("synthetic-000001") as { connectionId: string; participantId: string };
    const record = sampleRecord("DSTU2", "synthetic-000001", { size: resources });
    const now = sqliteTime(new Date());
    const insert = db.prepare(
      `INSERT INTO "FhirResource" (id, connectionId, resourceType, fhirId, versionId, contentHash, resourceJson, source, firstSeenAt, lastSeenAt, changedAt)
       VALUES (?, ?, ?, ?, '1', ?, ?, 'record', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (const r of record) {
        const json = JSON.stringify(r);
        insert.run(randomUUID(), connectionId, r.resourceType, r.id, createHash("sha256").update(json).digest("base64url"), json, now, now, now);
      }
    })();
    db.close();

    await npm(portal.env, ["staff:add", "--", "--email", "bench@example.org", "--role", "viewer", "--password", PASSWORD]);
    const staff = new Browser(portal.url);
    const { csrfToken } = (await (await staff.fetch("/api/staff-auth/csrf")).json()) as { csrfToken: string };
    await staff.fetch("/api/staff-auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: portal.url },
      body: new URLSearchParams({ csrfToken, email: "bench@example.org", password: PASSWORD, callbackUrl: `${portal.url}/dashboard` }),
    });
    const path = `/dashboard/participants/${participantId}`;
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 10; i++) {
      const started = performance.now();
      const res = await staff.fetch(path);
      const body = await res.text();
      if (res.status !== 200 || !body.includes("Lab results")) throw new Error(`the participant page answered ${res.status}`);
      if (i >= 10) samples.push(performance.now() - started); // the first ten warm the server up
      bytes = body.length;
    }
    return {
      recordPageResources: record.length,
      recordPageP50Ms: round(percentile(samples, 50)),
      recordPageP95Ms: round(percentile(samples, 95)),
      recordPageKb: Math.round(bytes / 1024),
    };
  } finally {
    await portal.stop();
    await sandbox.close();
  }
}
