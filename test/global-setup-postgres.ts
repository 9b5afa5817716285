import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "./migrate";

/**
 * A fresh, migrated PostgreSQL database for this run's data-layer tests, created on the server
 * at TEST_POSTGRES_URL (default: the local server these machines run, database `test`) and
 * dropped afterwards. A missing server fails the run with the fix, rather than skipping.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `portal_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The data-layer tests need PostgreSQL at ${adminUrl} (set TEST_POSTGRES_URL to another server): ${(error as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  migrate(url.toString());
  project.provide("databaseUrl" as never, url.toString() as never);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
