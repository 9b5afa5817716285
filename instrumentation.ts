/**
 * Runs once when the portal's server starts: checks every health system's registration, and
 * starts the research side's background work (Bulk Data exports, webhook deliveries, cleanup).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { verifyRegistrations } = await import("./lib/health-systems/verify");
  verifyRegistrations().catch((error: unknown) =>
    console.error(JSON.stringify({ level: "error", event: "health_system.verify_failed", error: String(error) })),
  );
  const { startResearchJobs } = await import("./lib/background/research-jobs");
  startResearchJobs();
}
