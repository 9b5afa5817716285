/**
 * Runs once when the portal's server starts: removes the sealed client secrets of enrollment
 * attempts past their end (the sync worker does it at every pass too), checks every health
 * system's registration, brings the participant search index and study participant ids up to
 * date (a no-op once done), and starts the research side's background work (Bulk Data exports,
 * webhook deliveries, cleanup) and email's (queued emails, reminders).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const report = (event: string) => (error: unknown) => console.error(JSON.stringify({ level: "error", event, error: String(error) }));
  const { cleanUpEndedAttempts } = await import("./lib/data/enrollment-attempts");
  await cleanUpEndedAttempts().catch(report("enrollment.attempt_cleanup_failed"));
  const { verifyRegistrations } = await import("./lib/health-systems/verify");
  const { backfillSearchIndex } = await import("./lib/data/search-index");
  verifyRegistrations().catch(report("health_system.verify_failed"));
  backfillSearchIndex().catch(report("search_index.backfill_failed"));
  const { startResearchJobs } = await import("./lib/background/research-jobs");
  startResearchJobs();
  const { startMailJobs } = await import("./lib/mail/jobs");
  startMailJobs();
}
