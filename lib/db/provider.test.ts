import { describe, expect, it } from "vitest";
import { databaseUrlProblem, providerOf } from "./provider";

describe("DATABASE_URL decides the provider", () => {
  it.each([
    ["file:./data/portal.db", "sqlite"],
    ["postgresql://u@h:5432/db", "postgres"],
    ["postgres://u@h/db", "postgres"],
    ["POSTGRESQL://u@h/db", "postgres"],
  ])("%s → %s", (url, provider) => expect(providerOf(url)).toBe(provider));

  it.each([
    ["file:./data/portal.db", null],
    ["postgresql://postgres@127.0.0.1:5432/test", null],
    ["file:", "names no SQLite file (file:./data/portal.db)"],
    ["sqlite.db", "must start with file: (SQLite) or postgresql:// (PostgreSQL)"],
    ["postgresql://host", "names no database (postgresql://user@host:5432/dbname)"],
    ["postgresql://%zz@/x", "is not a valid postgresql:// URL"],
  ])("%s → %s", (url, problem) => expect(databaseUrlProblem(url)).toBe(problem));
});
