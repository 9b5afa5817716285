import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the heap of the processes that sync records", () => {
  it("is set by npm run worker and npm run sync before anything else, and by the benchmark's pass as they do", () => {
    for (const file of ["scripts/worker.ts", "scripts/sync.ts"]) {
      const body = readFileSync(file, "utf8").split("runMain(async () => {")[1] ?? "";
      expect(body.trimStart().startsWith("keepWorkerHeapSmall();"), file).toBe(true);
    }
    expect(readFileSync("bench/support/pass-child.ts", "utf8")).toContain("keepWorkerHeapSmall()");
  });
});
