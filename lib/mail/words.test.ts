import { describe, expect, it } from "vitest";
import { emailKindWords, emailStatusWords } from "./words";

describe("email words for staff", () => {
  it("names each kind in plain words, and an unknown kind as recorded", () => {
    expect(emailKindWords("reminder_ends_3")).toBe("Reminder: sharing ends in 3 days or less");
    expect(emailKindWords("reminder_reconnect")).toBe("Reminder: please reconnect");
    expect(emailKindWords("something_new")).toBe("something_new");
  });

  it("says where an email is, with its attempts", () => {
    expect(emailStatusWords("sent", 1)).toBe("Sent");
    expect(emailStatusWords("queued", 0)).toBe("Waiting to be sent");
    expect(emailStatusWords("queued", 2)).toBe("Waiting to be sent again (2 attempts so far)");
    expect(emailStatusWords("failed", 1)).toBe("Not delivered (gave up after 1 attempt)");
  });
});
