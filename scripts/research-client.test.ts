/** npm run research:client: adds a client (printing its id), refuses private keys and bad arguments in one plain line. */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../test/migrate";

const dir = mkdtempSync(join(tmpdir(), "research-client-"));
const databaseUrl = `file:${join(dir, "portal.db")}`;

function run(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/research-client.ts", ...args], {
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

function keyFiles() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
  const pub = join(dir, "public.json");
  const priv = join(dir, "private.json");
  writeFileSync(pub, JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid: "tool-key-1", alg: "ES384" }] }));
  writeFileSync(priv, JSON.stringify({ keys: [{ ...privateKey.export({ format: "jwk" }), kid: "tool-key-1" }] }));
  return { pub, priv };
}

beforeAll(() => migrate(databaseUrl));

describe("npm run research:client", () => {
  it("adds a client from a public JWK Set file, prints its id, and can disable it", () => {
    const { pub } = keyFiles();
    const added = run(["--name", "Analytics warehouse", "--jwks-file", pub]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const id = /client_id: (\S+)/.exec(added.stdout)?.[1];
    expect(added.stdout).toContain("keys (kid): tool-key-1");
    const db = new Database(databaseUrl.replace("file:", ""), { readonly: true });
    expect(db.prepare('SELECT name, disabled FROM "ResearchClient" WHERE id = ?').get(id)).toEqual({ name: "Analytics warehouse", disabled: 0 });
    db.close();
    expect(run(["--disable", id!])).toMatchObject({ code: 0, stdout: expect.stringContaining(`Disabled research client "Analytics warehouse"`) });
  });

  it.each([
    [["--name", "X", "--jwks-file", "PRIVATE"], /PRIVATE key/],
    [["--name", "X"], /exactly one of --jwks-url and --jwks-file/],
    [["--jwks-file", "x.json"], /--name is required/],
    [["--name", "X", "--jwks-file", "/nonexistent.json"], /Cannot read the JWK Set file/],
    [["--name", "X", "--jwks-url", "https://169.254.169.254/jwks.json"], /cloud metadata|metadata address/],
    [["--disable", "nobody"], /There is no research client nobody/],
  ])("%j → exit 1, one plain line", (args, message) => {
    const { priv } = keyFiles();
    const result = run(args.map((a) => (a === "PRIVATE" ? priv : a)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
