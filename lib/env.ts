import "server-only";
import { parseEnv, type Env } from "./config/env-schema";

let cached: Env | undefined;

/** The validated configuration. Throws one plain line naming the bad variable. */
export function env(): Env {
  if (cached) return cached;
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(result.message);
  cached = result.env;
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";
