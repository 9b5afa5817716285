/** Webhook delivery states and outcomes in the words admins see on the dashboard. Pure. */
import type { DeliveryRow } from "../data/webhooks";

export function deliveryStatusLabel(row: Pick<DeliveryRow, "status" | "attempts">): string {
  switch (row.status) {
    case "delivered":
      return "Delivered";
    case "failed":
      return "Failed: gave up after the last attempt";
    case "cancelled":
      return "Cancelled: the webhook was stopped";
    default:
      return row.attempts === 0 ? "Waiting to be sent" : "Retrying";
  }
}

/** What the receiver answered last time: "HTTP 204", "it answered HTTP 500", "no complete answer in time". */
export function lastAnswer(row: Pick<DeliveryRow, "lastStatus" | "lastError" | "attempts">): string {
  if (row.attempts === 0) return "Not sent yet";
  if (row.lastError) return row.lastError.charAt(0).toUpperCase() + row.lastError.slice(1);
  return row.lastStatus ? `HTTP ${row.lastStatus}` : "";
}
