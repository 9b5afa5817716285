import { describe, expect, it } from "vitest";
import { BundleScanner, type ScanEvent } from "./bundle-scanner";

/** Feeds text in chunks of `size` bytes (splitting multi-byte characters too) and collects events. */
function scan(text: string, size = 7, maxEntryBytes?: number): ScanEvent[] {
  const bytes = Buffer.from(text);
  const scanner = new BundleScanner(maxEntryBytes);
  const events: ScanEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) events.push(...scanner.push(bytes.subarray(i, i + size)));
  return [...events, ...scanner.end()];
}

const entries = (events: ScanEvent[]) => events.filter((e) => e.kind === "entry").map((e) => JSON.parse((e as { text: string }).text));

describe("the streaming bundle scanner", () => {
  const bundle = JSON.stringify({
    resourceType: "Bundle",
    type: "collection",
    timestamp: "2026-01-01T00:00:00Z",
    meta: { tag: [{ code: "{not an entry}" }] },
    entry: [{ resource: { resourceType: "Organization", name: 'St. Mary\'s "Hospital" {x} [y] é 👋' } }, { resource: { resourceType: "Endpoint", address: "https://x/fhir" } }],
  });

  it.each([1, 3, 7, 64, 100_000])("hands out every entry and the header, whatever the chunk size (%i bytes)", (size) => {
    const events = scan(bundle, size);
    expect(entries(events)).toEqual([{ resource: { resourceType: "Organization", name: 'St. Mary\'s "Hospital" {x} [y] é 👋' } }, { resource: { resourceType: "Endpoint", address: "https://x/fhir" } }]);
    expect(events.filter((e) => e.kind === "header")).toEqual([
      { kind: "header", field: "resourceType", value: "Bundle" },
      { kind: "header", field: "type", value: "collection" },
      { kind: "header", field: "timestamp", value: "2026-01-01T00:00:00Z" },
    ]);
    expect(events.some((e) => e.kind === "error")).toBe(false);
  });

  it("skips a UTF-8 byte-order mark", () => {
    expect(entries(scan(`\uFEFF${bundle}`))).toHaveLength(2);
  });

  it.each([
    ["<!doctype html><html>Not found</html>", "not-json"],
    ["name,address\nA,https://x", "not-json"],
    ["", "not-json"],
    ['[{"resourceType":"Bundle"}]', "not-an-object"],
    [bundle.slice(0, bundle.length - 20), "truncated"],
    ['{"resourceType":"Bundle","entry":[{"a":1}]} trailing', "not-json"],
    ['{"resourceType":"Bundle","entry":[{"a":1]}', "not-json"],
    [`{"entry":[${"[".repeat(200)}`, "too-deep"],
  ])("says plainly what is wrong with %j", (text, problem) => {
    expect(scan(text).filter((e) => e.kind === "error")).toEqual([{ kind: "error", problem }]);
  });

  it("counts an entry larger than the limit without holding it, and goes on", () => {
    const big = JSON.stringify({ resourceType: "Bundle", entry: [{ resource: { note: "x".repeat(5000) } }, { resource: { ok: true } }] });
    const events = scan(big, 1000, 1024);
    expect(events.filter((e) => e.kind === "bad-entry")).toEqual([{ kind: "bad-entry", reason: "too-large" }]);
    expect(entries(events)).toEqual([{ resource: { ok: true } }]);
  });

  it("counts entries that are not objects", () => {
    const events = scan('{"resourceType":"Bundle","entry":[1,"two",null,[3],{"resource":{}}]}');
    expect(events.filter((e) => e.kind === "bad-entry")).toHaveLength(4);
    expect(entries(events)).toEqual([{ resource: {} }]);
  });
});
