/**
 * The portal's configuration, validated in one place. Framework-free: lib/env.ts (server code)
 * and the scripts both read it. Every problem names the variable, so a misconfigured deployment
 * fails fast with one clear line.
 */
import { z } from "zod";
import { databaseUrlProblem, DEFAULT_DATABASE_URL } from "../db/provider";
import { parseTrustedProxyHops } from "../security/forwarded";

const boolean = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const url = z.string().refine((v) => URL.canParse(v) && /^https?:/.test(v), "must be an http(s) URL");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((v, ctx) => {
      const problem = databaseUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  /** Signs and encrypts session cookies (next-auth). 32+ characters. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one: openssl rand -base64 32)"),
  /** `kid:base64key` (32-byte key) — encrypts tokens and client secrets at rest. */
  TOKEN_ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44}$/, "must be kid:base64 of 32 random bytes"),
  /** Comma-separated older `kid:base64key` entries, still accepted for decryption during key rotation. */
  TOKEN_ENCRYPTION_OLD_KEYS: z.string().default(""),
  /** The portal's public origin: callbacks and links are built from it. */
  PORTAL_URL: url.default("http://localhost:3000"),
  /** The local sandbox EHR that `npm run dev` starts and registers. */
  SANDBOX_URL: url.default("http://localhost:9000"),
  /** Upper bound for every request to an EHR (ms). */
  EHR_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  /** Allows http EHR endpoints on loopback (the sandbox). Default: on in development, off in production. */
  ALLOW_INSECURE_LOOPBACK_EHR: boolean.optional(),
  /** Lets ehr:add and the staff UI reach private-network EHRs (an on-premises EHR, say). */
  ALLOW_PRIVATE_EHR_ADDRESSES: boolean.default(false),
  STUDY_NAME: z.string().min(1).default("Health Records Research Study"),
  /** Version label of the study consent text participants agree to. */
  CONSENT_VERSION: z.string().min(1).default("2026-11-v1"),
  /** What withdrawal does to the stored Patient snapshot: delete it (default) or keep it. */
  WITHDRAWAL_POLICY: z.enum(["delete", "keep"]).default("delete"),
  /** How often the sync worker refreshes each connection's tokens and refetches its records (hours). */
  SYNC_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /** How many connections of one health system the sync worker works on at once. */
  SYNC_CONCURRENCY_PER_EHR: z.coerce.number().int().min(1).max(256).default(8),
  /** Politeness default: the most requests in flight to one health system from all workers together (its own setting wins). */
  EHR_MAX_REQUESTS_IN_FLIGHT: z.coerce.number().int().min(1).max(256).default(8),
  /** Politeness default: the most requests per minute to one health system (unset: no rate limit; its own setting wins). */
  EHR_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /**
   * SQLite only: who copies the write-ahead log into the database file. "inline": the commit that
   * grows it past 1,000 pages, as SQLite does by default; "background": a thread of the process
   * (lib/db/wal-checkpoints.ts), so the process never stops for it. The sync worker and
   * `npm run sync` use "background" unless this is set.
   */
  SQLITE_CHECKPOINTS: z.enum(["inline", "background"]).default("inline"),
  /** How long a worker's claim on a connection lasts before another worker may take it over (s). */
  SYNC_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /**
   * Proxies in front of the portal that append the client's address to X-Forwarded-For (0: none,
   * the socket's address is the client's). Read by scripts/portal-server.ts; see lib/security/forwarded.ts.
   */
  TRUSTED_PROXY_HOPS: z
    .string()
    .default("0")
    .transform((v, ctx) => {
      const parsed = parseTrustedProxyHops(v);
      if (parsed.ok) return parsed.hops;
      ctx.addIssue({ code: "custom", message: parsed.message.replace(/^TRUSTED_PROXY_HOPS /, "") });
      return z.NEVER;
    }),
  /** Absolute lifetime of a study staff session (hours); renewing the cookie never extends it. */
  STAFF_SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 7).default(8),
  /** Absolute lifetime of a participant's session (hours; 30 days: they come back by emailed sign-in links). */
  PARTICIPANT_SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 90).default(24 * 30),
  /** The study team's contact, shown on every participant page and in every email. */
  STUDY_CONTACT_NAME: z.string().min(1).max(200).default("The study team"),
  STUDY_CONTACT_EMAIL: z.string().email().max(254).optional(),
  STUDY_CONTACT_PHONE: z.string().min(3).max(40).optional(),
  /** Staff password checks (Argon2id) run at once; more wait in a short queue, beyond it "busy". Default: half the CPU cores, at least 1. */
  PASSWORD_CHECKS_IN_FLIGHT: z.coerce.number().int().min(1).max(64).optional(),
  /** Where Bulk Data export files are written (one folder per export). */
  BULK_EXPORT_DIR: z.string().min(1).default("data/bulk-exports"),
  /** How long a finished export's files stay downloadable before they are deleted (hours). */
  BULK_EXPORT_RETENTION_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  /** Exports one research client may have queued or running at once (more: 429). */
  BULK_EXPORT_MAX_PER_CLIENT: z.coerce.number().int().min(1).max(100).default(2),
  /** Upper bound of one webhook delivery (connect, send, answer), in ms. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  /** Attempts per webhook delivery before it is marked failed (backoff from 15–30 s, doubling, at most 6 h apart). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(12),
  /** The largest User-access Brands bundle the directory import reads (MB); larger ones are refused. */
  DIRECTORY_MAX_BUNDLE_MB: z.coerce.number().int().min(1).max(2000).default(200),
  /** The largest logo the directory import stores (KB); larger ones are refused and counted. */
  DIRECTORY_LOGO_MAX_KB: z.coerce.number().int().min(1).max(4096).default(256),
  /**
   * New enrollment attempts ("Connect to …" presses that register a client or store an attempt)
   * per client address per minute, and per health system per minute (all portal processes
   * together); beyond them the participant sees "busy, please try again in a minute".
   */
  ENROLLMENT_STARTS_PER_CLIENT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  ENROLLMENT_STARTS_PER_HEALTH_SYSTEM_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** The staff dashboard calls a connected participant's data stale after this many days without a complete sync. */
  STALE_AFTER_DAYS: z.coerce.number().min(0.5).max(365).default(3),
  /**
   * Where email is sent: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`.
   * `npm run dev` points it at the sandbox's mail catcher. Required in production.
   */
  SMTP_URL: z.string().refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), "must be an smtp:// or smtps:// URL").optional(),
  /** The From of every email: `Study team <study@example.org>`. Required in production. */
  MAIL_FROM: z.string().min(3).max(320).default("Study team <study@localhost>"),
  /** Attempts per email before it is marked failed (backoff from 30 s, doubling, at most 6 h apart). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  /** How often each portal process and worker looks for reminders that have come due (s). */
  REMINDERS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; message: string };

/**
 * Production sends real email, so `npm run start` refuses to run without a mail server and a
 * sender of its own (the defaults are for development). Null when nothing is missing.
 */
export function productionMailProblem(source: Record<string, string | undefined>): string | null {
  const missing = (["SMTP_URL", "MAIL_FROM"] as const).filter((name) => !source[name]);
  return missing.length === 0 ? null : `Configuration error: ${missing.map((name) => `${name} is not set (required in production)`).join("; ")}.`;
}

/** Parses an environment; on failure, one line naming each bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const missing = !(name in cleaned);
    return missing ? `${name} is not set` : `${name} ${issue.message}`;
  });
  return { ok: false, message: `Configuration error: ${problems.join("; ")}.` };
}
