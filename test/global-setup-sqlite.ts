import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "./migrate";

/** A fresh, migrated SQLite file for this run's data-layer tests. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "portal-test-"));
  const url = `file:${join(dir, "test.db")}`;
  migrate(url);
  project.provide("databaseUrl" as never, url as never);
  return () => rmSync(dir, { recursive: true, force: true });
}
