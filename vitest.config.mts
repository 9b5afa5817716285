import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL("./", import.meta.url)),
  // `server-only` throws outside React's server build; in tests we are the server.
  "server-only": fileURLToPath(new URL("./test/empty-module.ts", import.meta.url)),
};

/**
 * The data-layer tests (lib/data/**, and any `*.db.test.ts`) run twice: once on a fresh SQLite
 * file, once on a fresh PostgreSQL database.
 */
const dataLayerProject = (provider: "sqlite" | "postgres") => ({
  resolve: { alias },
  test: {
    name: `data-${provider}`,
    include: ["lib/data/**/*.test.ts", "lib/**/*.db.test.ts", "scripts/**/*.db.test.ts"],
    environment: "node",
    globalSetup: [`test/global-setup-${provider}.ts`],
    setupFiles: ["test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One database per provider per run: files take turns so their rows never interleave.
    fileParallelism: false,
    // next-auth imports `next/server` without an extension: bundled by Vite, as Next.js does.
    server: { deps: { inline: ["next-auth"] } },
  },
});

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts", "sandbox/**/*.test.ts"],
          exclude: ["lib/data/**", "**/*.db.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["test/setup-env.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      dataLayerProject("sqlite"),
      dataLayerProject("postgres"),
    ],
  },
});
