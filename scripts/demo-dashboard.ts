/**
 * npm run demo:dashboard — development only: adds sample participants with realistic DSTU2 and R4
 * records (and failed enrollment attempts) to the development database, so the staff dashboard
 * has something to show before any real enrollment. Never synced; running it again refreshes them.
 */
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";
import { migrateDatabase } from "./lib/database";

runMain(async () => {
  if (process.env.NODE_ENV === "production") fail("npm run demo:dashboard adds sample data: it is for development only.");
  // Like npm run dev: the portal's address follows PORT unless PORTAL_URL is set.
  process.env.PORTAL_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  const env = loadEnv({ development: true });
  await migrateDatabase(env.DATABASE_URL);
  const { addDemoParticipants } = await import("../lib/data/demo-data");
  const { participants, resources } = await addDemoParticipants();
  console.log(`Added ${participants} demo participants with ${resources.toLocaleString("en-US")} record entries (health systems "Demo Hospital" and "Demo Clinic"). Open ${env.PORTAL_URL}/dashboard.`);
  process.exit(0);
});
