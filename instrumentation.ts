/**
 * Runs once when the portal's server starts: checks every health system's registration, and
 * brings the participant search index and study participant ids up to date (a no-op once done).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { verifyRegistrations } = await import("./lib/health-systems/verify");
  const { backfillSearchIndex } = await import("./lib/data/search-index");
  const { forgetExpiredAttemptSecrets } = await import("./lib/data/enrollment-attempts");
  const report = (event: string) => (error: unknown) => console.error(JSON.stringify({ level: "error", event, error: String(error) }));
  verifyRegistrations().catch(report("health_system.verify_failed"));
  backfillSearchIndex().catch(report("search_index.backfill_failed"));
  forgetExpiredAttemptSecrets().catch(report("enrollment_attempts.cleanup_failed"));
}
