import { describe, expect, it } from "vitest";
import { assertRole, roleAtLeast, StaffForbiddenError } from "./roles";

describe("staff roles", () => {
  it.each([
    ["admin", "viewer", true],
    ["admin", "admin", true],
    ["coordinator", "viewer", true],
    ["coordinator", "admin", false],
    ["viewer", "coordinator", false],
    ["viewer", "viewer", true],
    ["superuser", "viewer", false],
    ["", "viewer", false],
  ] as const)("%s at least %s → %s", (role, minimum, expected) => {
    expect(roleAtLeast(role, minimum)).toBe(expected);
  });

  it("refuses a viewer what needs a coordinator", () => {
    expect(() => assertRole({ id: "x", email: "v@example.org", role: "viewer" }, "coordinator")).toThrow(StaffForbiddenError);
  });
});
