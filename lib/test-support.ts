/** Test helpers shared by every folder (a folder's own are in its test-support.ts). Framework-free. */

/**
 * For tests that wait for what another process, thread or timer does: polls `check` every
 * `everyMs` until it holds or `timeoutMs` has passed, and answers whether it held.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}
