import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The data door: database access goes only through lib/data (functions named by entity and
 * action that take the caller, check it, audit, and never return encrypted columns unless asked).
 * So only lib/data and lib/db may import lib/db — in any spelling: "@/lib/db", "../db",
 * "../../lib/db/client", a dynamic import(). lib/db/provider (reading DATABASE_URL) is open to all.
 */
const LIB_DB = String.raw`^(@/lib/db|(\./|(\.\./)+)(lib/)?db)(/(?!provider$).*)?$`;
const DATA_DOOR =
  "Only lib/data and lib/db may import lib/db: call a lib/data function named by entity and action that takes the caller (see README, 'The data door').";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      "no-restricted-imports": ["error", { patterns: [{ regex: LIB_DB, message: DATA_DOOR }] }],
      // esquery regexes may not contain "/": spell it \u002F.
      "no-restricted-syntax": ["error", { selector: `ImportExpression[source.value=/${LIB_DB.replaceAll("/", "\\u002F")}/]`, message: DATA_DOOR }],
    },
  },
  {
    // The door itself.
    files: ["lib/data/**", "lib/db/**"],
    rules: { "no-restricted-imports": "off", "no-restricted-syntax": "off" },
  },
  {
    // Documented exceptions (README, "The data door"): tests read rows to prove what is stored;
    // scripts, benchmarks and Prisma's configuration open their own client or run migrations.
    files: ["**/*.test.ts", "test/**", "scripts/**", "bench/**", "prisma.config.ts"],
    rules: { "no-restricted-imports": "off", "no-restricted-syntax": "off" },
  },
  globalIgnores([".next/**", ".next-*/**", "node_modules/**", "data/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
