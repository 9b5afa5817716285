import { afterEach, describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { CLIENT_ADDRESS_HEADER, markClientAddressServer } from "./forwarded";

const MARK = Symbol.for("enrollment-portal.client-address-server");

describe("clientAddress", () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[MARK];
  });

  it("reads the address the portal's server set, never X-Forwarded-For", () => {
    markClientAddressServer();
    const request = new Request("http://portal.example.org/", { headers: { [CLIENT_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.1" } });
    expect(clientAddress(request)).toBe("198.51.100.7");
    expect(clientAddress(request.headers)).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.1" }))).toBe("unknown");
  });

  it("trusts no header when the process was not started by the portal's server", () => {
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.7" }))).toBe("unknown");
  });
});
