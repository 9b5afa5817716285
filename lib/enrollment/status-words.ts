/** Connection states in the words participants and staff see (one name per state everywhere). */
export const CONNECTION_STATUS_LABELS: Record<string, string> = {
  connected: "Connected",
  needs_reconnect: "Needs reconnecting",
  withdrawn: "Withdrawn",
};

export const connectionStatusLabel = (status: string) => CONNECTION_STATUS_LABELS[status] ?? "Unknown";

/** "March 3, 2027" in the participant's language-neutral long form (UTC, so it never shifts a day). */
export function formatDay(date: Date | null | undefined): string {
  if (!date) return "Not yet";
  return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}
