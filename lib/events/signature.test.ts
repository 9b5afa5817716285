import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signatureHeader } from "./signature";
import { deliveryStatusLabel, lastAnswer } from "./words";

describe("the webhook signature", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body> keyed with the secret as shown", () => {
    const body = '{"id":"evt_1","type":"record.synced"}';
    const header = signatureHeader("whsec_test", body, new Date("2026-11-29T10:00:00.900Z"));
    const expected = createHmac("sha256", "whsec_test").update(`1795946400.${body}`).digest("hex");
    expect(header).toBe(`t=1795946400,v1=${expected}`);
    expect(signatureHeader("whsec_other", body, new Date("2026-11-29T10:00:00Z"))).not.toBe(header);
  });

  it("uses secrets of 32 random bytes", () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(a);
  });
});

describe("delivery words", () => {
  it.each([
    [{ status: "pending", attempts: 0 }, "Waiting to be sent"],
    [{ status: "pending", attempts: 2 }, "Retrying"],
    [{ status: "delivered", attempts: 1 }, "Delivered"],
    [{ status: "failed", attempts: 12 }, "Failed: gave up after the last attempt"],
    [{ status: "cancelled", attempts: 0 }, "Cancelled: the webhook was stopped"],
  ])("%j → %s", (row, label) => expect(deliveryStatusLabel(row)).toBe(label));

  it("says what the receiver answered", () => {
    expect(lastAnswer({ attempts: 0, lastStatus: null, lastError: null })).toBe("Not sent yet");
    expect(lastAnswer({ attempts: 1, lastStatus: 204, lastError: null })).toBe("HTTP 204");
    expect(lastAnswer({ attempts: 3, lastStatus: null, lastError: "no complete answer in time" })).toBe("No complete answer in time");
  });
});
