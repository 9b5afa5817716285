/**
 * Runs once when the portal's server starts: deletes enrollment attempts long past their end
 * (with their sealed client secrets; the sync worker does it at every pass too), checks every
 * health system's registration, and starts the research side's background work (Bulk Data
 * exports, webhook deliveries, cleanup).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { deleteExpiredAttempts } = await import("./lib/data/enrollment-attempts");
  await deleteExpiredAttempts().catch((error: unknown) =>
    console.error(JSON.stringify({ level: "error", event: "enrollment.attempt_cleanup_failed", error: String(error) })),
  );
  const { verifyRegistrations } = await import("./lib/health-systems/verify");
  verifyRegistrations().catch((error: unknown) =>
    console.error(JSON.stringify({ level: "error", event: "health_system.verify_failed", error: String(error) })),
  );
  const { startResearchJobs } = await import("./lib/background/research-jobs");
  startResearchJobs();
}
