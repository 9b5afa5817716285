/**
 * npm run keys:rotate [-- --batch-size 100]
 *
 * Re-encrypts every stored token, client secret and private key under TOKEN_ENCRYPTION_KEY in the
 * current format (v2, bound to its table, column and row), online (lib/data/key-rotation.ts:
 * batches, compare-and-swap per row on the old ciphertext).
 * Procedure, without downtime:
 *   1. generate a key; set TOKEN_ENCRYPTION_KEY to it and move the previous one into
 *      TOKEN_ENCRYPTION_OLD_KEYS (comma-separated); restart the portal and the worker;
 *   2. run `npm run keys:rotate` with the same environment; it prints counts per table and exits
 *      non-zero if any value is still under an older key (e.g. a key id nobody configured);
 *   3. once it reports 0 remaining, drop the old key from TOKEN_ENCRYPTION_OLD_KEYS.
 */
import { parseArgs } from "node:util";
import { createKeyring } from "../lib/crypto/encryption";
import { rotateKeys } from "../lib/data/key-rotation";
import { createDb, tuneDb } from "../lib/db/client";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

runMain(async () => {
  const env = loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values } = parseArgs({ options: { "batch-size": { type: "string", default: "100" } } });
  const batchSize = Number(values["batch-size"]);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) fail("--batch-size must be a whole number from 1 to 10000.");
  const keyring = createKeyring(env.TOKEN_ENCRYPTION_KEY, env.TOKEN_ENCRYPTION_OLD_KEYS);
  const db = createDb(env.DATABASE_URL);
  await tuneDb(db, env.DATABASE_URL);
  try {
    const report = await rotateKeys(db, keyring, { batchSize });
    console.log(`Re-encrypting under key ${report.currentKid}:`);
    for (const [table, c] of Object.entries(report.tables)) {
      console.log(
        `  ${table.padEnd(18)} rows ${String(c.scanned).padStart(6)}  values re-encrypted ${String(c.rotated).padStart(6)} (from v1: ${String(c.upgraded).padStart(6)})  concurrent changes ${String(c.conflicts).padStart(4)}  undecryptable ${c.failed}`,
      );
    }
    const total = Object.values(report.tables).reduce((a, c) => a + c.rotated, 0);
    console.log(`${total} values re-encrypted; ${report.remaining} still under another key or format.`);
    if (report.remaining > 0) {
      const kids = report.undecryptableKids.length > 0 ? ` (key ids that could not decrypt: ${report.undecryptableKids.join(", ")})` : "";
      fail(`Some values could not be re-encrypted${kids}: add a missing key to TOKEN_ENCRYPTION_OLD_KEYS and run again. A value no configured key opens was changed in the database, or moved there from another row or column.`);
    }
  } finally {
    await db.$disconnect();
  }
  process.exit(0);
});
