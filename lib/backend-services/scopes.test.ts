import { describe, expect, it } from "vitest";
import { canRead, grantScopes, readableTypes } from "./scopes";

const ALL = "system/*.read system/*.rs";

describe("granting system scopes", () => {
  it.each([
    ["system/*.read", ["system/*.read"]],
    ["system/*.rs", ["system/*.rs"]],
    ["system/*.cruds", ["system/*.cruds"]],
    ["system/Observation.rs system/Patient.read", ["system/Observation.rs", "system/Patient.read"]],
    ["system/*.read system/*.write", ["system/*.read"]],
    ["system/*.read system/*.read", ["system/*.read"]],
    ["launch/patient system/*.read openid", ["system/*.read"]],
  ])("%s → %j", (requested, granted) => expect(grantScopes(requested, ALL)).toEqual(granted));

  it.each(["patient/*.read", "user/*.read", "system/*.write", "system/*.r", "system/*.s", "system/Nope.read", "system/*.rs?category=laboratory", "", "system/*.sr"])(
    "%j grants nothing",
    (requested) => expect(grantScopes(requested, ALL)).toBeNull(),
  );

  it("keeps a client to the types it was registered for", () => {
    expect(grantScopes("system/*.read system/Observation.read", "system/Observation.read")).toEqual(["system/Observation.read"]);
    expect(grantScopes("system/Patient.read", "system/Observation.read")).toBeNull();
  });

  it("says what a granted scope reads", () => {
    expect(readableTypes("system/*.rs")).toBe("*");
    const some = readableTypes("system/Observation.rs system/Patient.read");
    expect(canRead(some, "Observation")).toBe(true);
    expect(canRead(some, "Condition")).toBe(false);
  });
});
