import { describe, expect, it } from "vitest";
import { parseParticipantQuery } from "../dashboard/query";
import type { StaffSession } from "../staff/roles";
import { listParticipants } from "./dashboard-participants";
import { addDemoParticipants } from "./demo-data";
import { getParticipantRecords } from "./participant-record";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };

describe("npm run demo:dashboard", () => {
  it("adds participants in every state the dashboard shows, with records, and runs again without duplicating them", async () => {
    await addDemoParticipants();
    const second = await addDemoParticipants();
    const { rows, total } = await listParticipants(viewer, parseParticipantQuery({ q: "demo", size: "100" }));
    expect(total).toBe(second.participants);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["connected", "needs_reconnect", "withdrawn"]));
    expect(rows.some((r) => r.deceased === "2019-08-03")).toBe(true);
    const [record] = await getParticipantRecords(viewer, rows.find((r) => r.status === "connected")!.participantId);
    expect(record!.resources).toBeGreaterThan(50);
  });
});
