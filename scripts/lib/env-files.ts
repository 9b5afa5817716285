/**
 * Loads .env files the way Next.js does (so scripts and the portal agree), and in development
 * generates the secrets on first run into the git-ignored .env.local. Production never
 * generates secrets: a missing one stops the process with its name.
 */
import { loadEnvConfig } from "@next/env";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseEnv, type Env } from "../../lib/config/env-schema";
import { generateKey } from "../../lib/crypto/encryption";
import { fail } from "./fail";

const ENV_LOCAL = ".env.local";

function ensureDevSecrets(root: string): string[] {
  const file = join(root, ENV_LOCAL);
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const lines: string[] = [];
  if (!/^AUTH_SECRET=/m.test(existing) && !process.env.AUTH_SECRET) {
    lines.push(`AUTH_SECRET=${randomBytes(32).toString("base64url")}`);
  }
  if (!/^TOKEN_ENCRYPTION_KEY=/m.test(existing) && !process.env.TOKEN_ENCRYPTION_KEY) {
    lines.push(`TOKEN_ENCRYPTION_KEY=${generateKey("dev1")}`);
  }
  if (lines.length > 0) {
    const header = existing ? "\n" : "# Generated for development by npm run dev. Never commit this file.\n";
    appendFileSync(file, header + lines.join("\n") + "\n", { mode: 0o600 });
  }
  return lines.map((l) => l.split("=")[0]!);
}

/** Loads the environment for a script; exits with one line when it is invalid. */
export function loadEnv({ development }: { development: boolean }): Env {
  const root = process.cwd();
  if (development && process.env.NODE_ENV !== "production") {
    const generated = ensureDevSecrets(root);
    if (generated.length > 0) console.log(`Generated ${generated.join(" and ")} into ${ENV_LOCAL} (development only).`);
  }
  loadEnvConfig(root, development);
  const result = parseEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? (development ? "development" : "production") });
  if (!result.ok) fail(result.message);
  return result.env;
}
