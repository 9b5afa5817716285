/** What `npm run dev` sets up in the development database beyond migrations. */
import type { Env } from "../../lib/config/env-schema";

export async function prepareDevelopmentData(env: Env): Promise<void> {
  void env;
}
