import { describe, expect, it } from "vitest";
import { changesFingerprint, describeChanges, healthSystemChanges, NEW_REGISTRATION, type HealthSystemSettings } from "./changes";

const before: HealthSystemSettings = {
  issuer: "https://ehr.example.org",
  authorizationEndpoint: "https://ehr.example.org/authorize",
  tokenEndpoint: "https://ehr.example.org/token",
  registrationEndpoint: "https://ehr.example.org/register",
  revocationEndpoint: null,
  introspectionEndpoint: null,
  manageEndpoint: null,
  registrationStrategy: "shared",
  clientId: "client-1",
};

describe("changes to an existing health system", () => {
  it("are none when discovery says the same", () => {
    expect(healthSystemChanges(before, { ...before })).toEqual([]);
  });

  it("name each endpoint, the issuer and the client that would change, in plain words", () => {
    const changes = healthSystemChanges(before, { ...before, tokenEndpoint: "https://attacker.example/token", issuer: null, clientId: NEW_REGISTRATION });
    expect(changes.map((c) => c.field)).toEqual(["issuer", "tokenEndpoint", "clientId"]);
    expect(describeChanges(changes)).toEqual([
      "Issuer: https://ehr.example.org → (none)",
      "Token endpoint: https://ehr.example.org/token → https://attacker.example/token",
      "Shared client: client-1 → (a new registration)",
    ]);
  });

  it("have a fingerprint that names exactly that set", () => {
    const one = healthSystemChanges(before, { ...before, tokenEndpoint: "https://b/token" });
    const other = healthSystemChanges(before, { ...before, tokenEndpoint: "https://c/token" });
    expect(changesFingerprint(one)).toBe(changesFingerprint(healthSystemChanges(before, { ...before, tokenEndpoint: "https://b/token" })));
    expect(changesFingerprint(one)).not.toBe(changesFingerprint(other));
    expect(changesFingerprint(one)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
