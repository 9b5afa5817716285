/** Stops the e2e run early, with the fix, when the browser it drives is missing. */
import { existsSync } from "node:fs";
import { fail } from "./lib/fail";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(chromiumPath)) {
  fail(
    `Chromium is not installed at ${chromiumPath}, so the browser tests cannot run. ` +
      `Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
  );
}
