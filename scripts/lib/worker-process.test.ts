import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { prepareWorkerProcess } from "./worker-process";

const before = process.env.SQLITE_CHECKPOINTS;
afterEach(() => {
  if (before === undefined) delete process.env.SQLITE_CHECKPOINTS;
  else process.env.SQLITE_CHECKPOINTS = before;
});

describe("the processes that sync records", () => {
  it("are prepared by npm run worker and npm run sync once their environment is loaded, before the work is imported, and by the benchmark's pass as they do", () => {
    for (const file of ["scripts/worker.ts", "scripts/sync.ts"]) {
      const body = readFileSync(file, "utf8").split("runMain(async () => {")[1] ?? "";
      const loaded = body.indexOf("loadEnv(");
      const prepared = body.indexOf("prepareWorkerProcess();");
      expect(loaded, file).toBeGreaterThanOrEqual(0);
      expect(prepared, file).toBeGreaterThan(loaded);
      expect(prepared, file).toBeLessThan(body.indexOf("await import("));
    }
    expect(readFileSync("bench/support/pass-child.ts", "utf8")).toContain("prepareWorkerProcess()");
  });

  it("checkpoint SQLite in the background unless SQLITE_CHECKPOINTS says otherwise", () => {
    delete process.env.SQLITE_CHECKPOINTS;
    prepareWorkerProcess();
    expect(process.env.SQLITE_CHECKPOINTS).toBe("background");
    process.env.SQLITE_CHECKPOINTS = "inline";
    prepareWorkerProcess();
    expect(process.env.SQLITE_CHECKPOINTS).toBe("inline");
  });
});
