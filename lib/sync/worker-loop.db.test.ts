/**
 * An idle sync worker starts a just-queued first sync when the database tells it, not at its next
 * poll: the enrollment's callback (queueFirstSync) runs in the portal's process, the worker in its
 * own. Here the worker's polls are set to ten minutes, so only the signal
 * (lib/data/first-sync-signal.ts: NOTIFY on PostgreSQL, the file's data_version on SQLite) can
 * start the pass within the test's time. No nudge: that only reaches a worker in the same process.
 */
process.env.EHR_TIMEOUT_MS = "5000";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { queueFirstSync } from "../data/sync-claims";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import type { PassSummary } from "./pass";
import { startSyncWorker } from "./worker-loop";

let ehr: TestEhr;
beforeAll(async () => {
  ehr = await startTestEhr(10, { recordSize: 0 });
  // Connections other test files left here point at EHRs that are gone: hold them for a day.
  await (await db()).connection.updateMany({
    where: { healthSystemId: { not: ehr.healthSystemId } },
    data: { leaseOwner: "other-test-files", leaseUntil: new Date(Date.now() + 86_400_000) },
  });
});
afterAll(() => ehr.close());

describe("an idle sync worker", () => {
  it("starts a first sync queued by another connection to the database at once, without waiting for its poll", async () => {
    const { connectionId } = await ehr.connect(1);
    const client = await db();
    // As after the callback's Patient read: synced just now, so not due until queued.
    await client.connection.update({ where: { id: connectionId }, data: { lastSyncAt: new Date() } });
    const passes: PassSummary[] = [];
    let passed: () => void = () => undefined;
    const worker = startSyncWorker({ workerId: "worker-loop-test", pollMs: 600_000, firstSyncPollMs: 600_000, onPass: (summary) => (passes.push(summary), passed()) });
    try {
      const nextPass = () => new Promise<void>((resolve) => (passed = resolve));
      await nextPass(); // the pass at start: nothing due
      expect(passes[0]!.total).toBe(0);
      // Let the worker settle into its idle wait (its own writes of the pass have been noticed and
      // checked by then), so what starts the next pass is the queueing below and nothing else.
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The callback's last step, without nudgeSyncWorker (which only reaches this process).
      const synced = nextPass();
      await queueFirstSync(connectionId);
      await synced;
      expect(passes.at(-1)).toMatchObject({ total: 1, synced: 1 });
      const row = await client.connection.findUniqueOrThrow({ where: { id: connectionId }, select: { recordSyncedAt: true, leaseOwner: true } });
      expect(row.recordSyncedAt).not.toBeNull();
      expect(row.leaseOwner).toBeNull();
    } finally {
      await worker.stop();
    }
  });
});
