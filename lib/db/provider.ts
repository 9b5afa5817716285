/**
 * Which database the portal runs on, read from DATABASE_URL alone:
 * `postgres://` or `postgresql://` → PostgreSQL, anything else (default `file:./data/portal.db`) → SQLite.
 * Framework-free so prisma.config.ts and the scripts can share it.
 */
export type DbProvider = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/portal.db";

export function providerOf(databaseUrl: string): DbProvider {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgres" : "sqlite";
}

/** Path of the SQLite file named by a `file:` URL (relative paths are relative to the project). */
export function sqliteFilePath(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/i, "");
  if (!path) throw new Error("DATABASE_URL: a SQLite URL needs a file path, e.g. file:./data/portal.db");
  return path;
}

/** Checks the form of DATABASE_URL; returns a plain-language problem, or null when it looks usable. */
export function databaseUrlProblem(databaseUrl: string): string | null {
  if (providerOf(databaseUrl) === "postgres") {
    try {
      const url = new URL(databaseUrl);
      if (!url.hostname) return "has no host (postgresql://user@host:5432/dbname)";
      if (url.pathname.length <= 1) return "names no database (postgresql://user@host:5432/dbname)";
      return null;
    } catch {
      return "is not a valid postgresql:// URL";
    }
  }
  if (!/^file:/i.test(databaseUrl)) {
    return "must start with file: (SQLite) or postgresql:// (PostgreSQL)";
  }
  if (databaseUrl.replace(/^file:/i, "").length === 0) return "names no SQLite file (file:./data/portal.db)";
  return null;
}
