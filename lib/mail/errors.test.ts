import { describe, expect, it } from "vitest";
import { describeMailFailure } from "./errors";

describe("describeMailFailure", () => {
  it("calls a refusal (5xx) final and a busy server (4xx) worth another try", () => {
    expect(describeMailFailure({ responseCode: 550, response: "550 No such mailbox: a@b.org" })).toEqual({ words: "The mail server refused the message (550 No such mailbox: a@b.org).", permanent: true });
    expect(describeMailFailure({ responseCode: 421, response: "421 Service not available\nmore" })).toEqual({ words: "The mail server asked to try later (421 Service not available).", permanent: false });
  });

  it("names a server that is down or slow in plain words, and retries it", () => {
    expect(describeMailFailure({ code: "ESOCKET", message: "connect ECONNREFUSED 127.0.0.1:2525" })).toEqual({ words: "The mail server could not be reached (connection refused).", permanent: false });
    expect(describeMailFailure({ code: "ETIMEDOUT", message: "Greeting never received" })).toEqual({ words: "The mail server did not answer in time.", permanent: false });
    expect(describeMailFailure(new Error("boom"))).toEqual({ words: "Sending failed: boom.", permanent: false });
    expect(describeMailFailure(undefined).permanent).toBe(false);
  });
});
