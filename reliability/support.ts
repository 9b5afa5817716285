/**
 * What the reliability run needs around the portal: start it (built, `npm run start`) with its
 * output captured for the log scans, kill it (SIGTERM or SIGKILL, whole process group), add
 * health systems with `npm run ehr:add`, read its SQLite database the way an auditor would, and
 * record checks.
 */
import { localPortalEnv } from "../bench/support/portal";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { waitForStatus } from "../bench/support/stats";
import { createKeyring, decrypt, type SealContext } from "../lib/crypto/encryption";
import { countByKeyId, openSealedValues } from "../lib/crypto/sealed-values";

export const KEY = "r1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
export const NEW_KEY = "r2:HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=";

// ---------------------------------------------------------------- checks

export type Check = { group: string; name: string; ok: boolean; detail: string };

export class Recorder {
  readonly checks: Check[] = [];

  /** Runs one case; a thrown error is its failure (its message is the detail). */
  async check(group: string, name: string, fn: () => Promise<string | void>): Promise<boolean> {
    try {
      const detail = (await fn()) ?? "";
      this.checks.push({ group, name, ok: true, detail });
      return true;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.checks.push({ group, name, ok: false, detail });
      process.stdout.write(`  FAIL ${group} › ${name}: ${detail}\n`);
      return false;
    }
  }

  count(group?: string) {
    const list = group ? this.checks.filter((c) => c.group === group) : this.checks;
    return { total: list.length, passed: list.filter((c) => c.ok).length };
  }
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------- the portal process

export type Portal = {
  url: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Everything the portal wrote to stdout and stderr, across restarts. */
  logs: string[];
  start(extraEnv?: Record<string, string>): Promise<void>;
  kill(signal: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** SIGKILL to the whole group at once, without waiting (for the run's time guard). */
  killNow(): void;
  running(): boolean;
};

export function portalProcess({ port, sandboxUrl, dataDir }: { port: number; sandboxUrl: string; dataDir: string }): Portal {
  rmSync(dataDir, { recursive: true, force: true });
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...localPortalEnv({ port, sandboxUrl, dataDir }),
    AUTH_SECRET: "reliability-only-secret-reliability-0000",
    TOKEN_ENCRYPTION_KEY: KEY,
    TOKEN_ENCRYPTION_OLD_KEYS: "",
    EHR_TIMEOUT_MS: "3000",
    // Every log line is scanned for tokens and patient data.
    LOG_LEVEL: "info",
  };
  const logs: string[] = [];
  let child: ChildProcess | undefined;
  const portal: Portal = {
    url,
    port,
    env,
    logs,
    running: () => Boolean(child && child.exitCode === null && child.signalCode === null),
    async start(extraEnv = {}) {
      if (!existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) throw new Error("the portal is not built: run npm run build first");
      if (await fetch(url, { headers: { connection: "close" } }).catch(() => null)) throw new Error(`port ${port} is already in use`);
      Object.assign(env, extraEnv);
      const started = spawn("npm", ["run", "--silent", "start"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      child = started;
      started.stdout!.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
      started.stderr!.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
      if (!(await waitForStatus(`${url}/`, 200, 90_000))) {
        await portal.kill("SIGKILL");
        throw new Error(`the portal did not start:\n${logs.join("").slice(-2000)}`);
      }
    },
    killNow() {
      if (child && portal.running()) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
    async kill(signal) {
      const running = child;
      if (!running || !portal.running()) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      try {
        process.kill(-running.pid!, signal);
      } catch {
        return;
      }
      await exited;
      // The group's other members (next start under npm and tsx) go with it; give the port a moment.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await fetch(url, { headers: { connection: "close" } }).catch(() => null))) await sleep(100);
    },
  };
  return portal;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm run ehr:add -- …` with the portal's environment; resolves with its exit code and output. */
export function ehrAdd(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; output: string }> {
  const adder = spawn("npm", ["run", "--silent", "ehr:add", "--", ...args], { env });
  let output = "";
  adder.stdout.on("data", (chunk) => (output += chunk));
  adder.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => adder.once("exit", (code) => resolve({ code: code ?? 1, output })));
}

/** Runs an npm script with the portal's environment (keys:rotate). */
export function npmScript(env: NodeJS.ProcessEnv, script: string, args: string[] = []): Promise<{ code: number; output: string }> {
  const child = spawn("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], { env });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code: code ?? 1, output })));
}

// ---------------------------------------------------------------- the run's database

export class RunDatabase {
  constructor(
    private readonly file: string,
    private readonly keys: { current: string; old?: string },
  ) {}

  private open<T>(fn: (db: Database.Database) => T): T {
    const db = new Database(this.file, { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  setKeys(keys: { current: string; old?: string }) {
    Object.assign(this.keys, keys);
  }

  /** Row counts of the tables an enrollment writes. */
  counts(): Record<"participants" | "connections" | "snapshots" | "attempts" | "healthSystems", number> {
    return this.open((db) => {
      const n = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
      return { participants: n("Participant"), connections: n("Connection"), snapshots: n("PatientSnapshot"), attempts: n("EnrollmentAttempt"), healthSystems: n("HealthSystem") };
    });
  }

  /** Any read-only query (for the staff and lifecycle cases). */
  rows<T>(sql: string, ...params: unknown[]): T[] {
    return this.open((db) => db.prepare(sql).all(...params) as T[]);
  }

  /** One sealed value, opened with the run's keys where it is stored. */
  unseal(value: string, at: SealContext): string {
    return decrypt(createKeyring(this.keys.current, this.keys.old ?? ""), value, at);
  }

  healthSystemId(name: string): string {
    return this.open((db) => (db.prepare('SELECT id FROM "HealthSystem" WHERE name = ?').get(name) as { id: string } | undefined)?.id ?? "");
  }

  /** How many of these patients have a stored connection with both tokens. */
  connectedWithTokens(patientIds: string[]): number {
    return this.open((db) => {
      const query = db.prepare('SELECT COUNT(*) AS n FROM "Connection" WHERE patientId = ? AND accessTokenEnc IS NOT NULL AND refreshTokenEnc IS NOT NULL');
      return patientIds.filter((id) => (query.get(id) as { n: number }).n === 1).length;
    });
  }

  /** Every token, client secret and private key stored (each encrypted column), decrypted with the run's keys. */
  secrets(): string[] {
    const ring = createKeyring(this.keys.current, this.keys.old ?? "");
    return this.open((db) => openSealedValues((sql) => db.prepare(sql).all(), ring));
  }

  /** Patient names and ids stored (for the log scan). */
  patientData(): string[] {
    return this.open((db) =>
      (db.prepare('SELECT displayName, resourceJson FROM "PatientSnapshot"').all() as { displayName: string; resourceJson: string }[]).flatMap((r) => {
        const resource = JSON.parse(r.resourceJson) as { birthDate?: string };
        return [r.displayName, ...(resource.birthDate ? [`"${resource.birthDate}"`] : [])];
      }),
    );
  }

  /** Every stored value as one string (for "nothing stored in plaintext"). */
  everything(): string {
    return this.open((db) => {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      return JSON.stringify(tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()));
    });
  }

  /** Key ids of every sealed value, with how many values each. */
  keyIds(): Record<string, number> {
    return this.open((db) => countByKeyId((sql) => db.prepare(sql).all()));
  }

  /** Consistency after a crash: each violation as one line (empty when consistent). */
  violations(): string[] {
    return this.open((db) => {
      const rows = (sql: string) => db.prepare(sql).all() as { id: string }[];
      const list = (label: string, sql: string) => rows(sql).map((r) => `${label}: ${r.id}`);
      return [
        ...list("connection without tokens", `SELECT id FROM "Connection" WHERE status = 'connected' AND (accessTokenEnc IS NULL OR accessTokenEnc = '')`),
        ...list("participant without a connection", `SELECT p.id FROM "Participant" p WHERE NOT EXISTS (SELECT 1 FROM "Connection" c WHERE c.participantId = p.id)`),
        ...list("snapshot without a connection", `SELECT s.id FROM "PatientSnapshot" s WHERE NOT EXISTS (SELECT 1 FROM "Connection" c WHERE c.id = s.connectionId)`),
        ...list("connection without a participant", `SELECT c.id FROM "Connection" c WHERE NOT EXISTS (SELECT 1 FROM "Participant" p WHERE p.id = c.participantId)`),
        ...list("connection without a health system", `SELECT c.id FROM "Connection" c WHERE NOT EXISTS (SELECT 1 FROM "HealthSystem" h WHERE h.id = c.healthSystemId)`),
        ...list("attempt without a health system", `SELECT a.id FROM "EnrollmentAttempt" a WHERE NOT EXISTS (SELECT 1 FROM "HealthSystem" h WHERE h.id = a.healthSystemId)`),
      ];
    });
  }
}
