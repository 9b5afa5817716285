/** The sandbox CLI's environment, validated with zod. */
import { z } from "zod";
import { MAX_PAGE_SIZE_LIMIT, MAX_RECORD_SIZE, MAX_SYNTHETIC_PATIENTS, type SandboxOptions } from "./options";

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(9000),
  SANDBOX_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SANDBOX_STATE_FILE: z.string().min(1).optional(),
  SANDBOX_PATIENTS: z.coerce.number().int().min(0).max(MAX_SYNTHETIC_PATIENTS).default(0),
  SANDBOX_RECORD_SIZE: z.coerce.number().int().min(0).max(MAX_RECORD_SIZE).optional(),
  SANDBOX_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE_LIMIT).optional(),
  SANDBOX_ONE_LIVE_AUTH: z.enum(["0", "1", "true", "false", "on", "off"]).optional(),
  SANDBOX_ACCESS_LIFETIME: z.coerce.number().int().positive().optional(),
  SANDBOX_ADMIN: z.enum(["on", "off"]).default("on"),
  SANDBOX_SMTP_PORT: z.union([z.literal("off"), z.coerce.number().int().min(0).max(65_535)]).default(2525),
});

export type EnvResult = { ok: true; options: SandboxOptions } | { ok: false; message: string };

export function optionsFromEnv(env: Record<string, string | undefined>): EnvResult {
  const blankless = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("SANDBOX_") && v !== ""));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `Invalid ${issue?.path.join(".") ?? "environment"}: ${issue?.message ?? "bad value"}` };
  }
  const e = parsed.data;
  return {
    ok: true,
    options: {
      port: e.SANDBOX_PORT,
      ...(e.SANDBOX_PUBLIC_URL ? { publicUrl: e.SANDBOX_PUBLIC_URL } : {}),
      ...(e.SANDBOX_STATE_FILE ? { stateFile: e.SANDBOX_STATE_FILE } : {}),
      syntheticPatients: e.SANDBOX_PATIENTS,
      ...(e.SANDBOX_RECORD_SIZE !== undefined ? { recordSize: e.SANDBOX_RECORD_SIZE } : {}),
      ...(e.SANDBOX_MAX_PAGE_SIZE !== undefined ? { maxPageSize: e.SANDBOX_MAX_PAGE_SIZE } : {}),
      oneLiveAuthorizationPerClient: ["1", "true", "on"].includes(e.SANDBOX_ONE_LIVE_AUTH ?? "0"),
      ...(e.SANDBOX_ACCESS_LIFETIME ? { accessTokenLifetimeSeconds: e.SANDBOX_ACCESS_LIFETIME } : {}),
      admin: e.SANDBOX_ADMIN === "on",
      ...(e.SANDBOX_SMTP_PORT !== "off" && { mailPort: e.SANDBOX_SMTP_PORT }),
    },
  };
}
