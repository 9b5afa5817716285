/** npm run db:generate — generates the Prisma client for both providers (nothing is downloaded). */
import { spawnSync } from "node:child_process";
import { fail } from "./lib/fail";

for (const provider of ["sqlite", "postgres"]) {
  const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
    env: { ...process.env, DB_PROVIDER: provider, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) fail(`prisma generate (${provider}) failed:\n${result.stdout}${result.stderr}`);
}
