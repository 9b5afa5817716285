import Link from "next/link";
import { formatDateTime } from "@/lib/dashboard/format";
import type { DeliveryRow } from "@/lib/data/webhooks";
import { deliveryStatusLabel, lastAnswer } from "@/lib/events/words";

export const DELIVERY_FILTERS = [
  { value: undefined, label: "All" },
  { value: "pending", label: "Waiting or retrying" },
  { value: "failed", label: "Failed" },
  { value: "delivered", label: "Delivered" },
] as const;

/** The latest webhook deliveries (events × addresses), with a filter by status. */
export function WebhookDeliveries({ rows, status }: { rows: DeliveryRow[]; status: string | undefined }) {
  return (
    <div className="space-y-3">
      <nav aria-label="Filter deliveries" className="flex flex-wrap gap-2">
        {DELIVERY_FILTERS.map((f) => (
          <Link
            key={f.label}
            href={f.value ? `/dashboard/webhooks?status=${f.value}` : "/dashboard/webhooks"}
            aria-current={f.value === status ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-lg border-2 border-slate-500 px-3 py-2 ${f.value === status ? "bg-slate-800 text-white" : "bg-white text-blue-900 underline"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p>No deliveries to show.</p>
      ) : (
        <div role="region" aria-label="Webhook deliveries" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full min-w-[56rem] text-sm">
            <caption className="sr-only">Webhook deliveries, newest first</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-2">Event</th>
                <th scope="col" className="px-2 py-2">Sent to</th>
                <th scope="col" className="px-2 py-2">Status</th>
                <th scope="col" className="px-2 py-2">Attempts</th>
                <th scope="col" className="px-2 py-2">Last answer</th>
                <th scope="col" className="px-2 py-2">Next attempt or delivered</th>
                <th scope="col" className="px-2 py-2">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top">
                  <td className="px-2 py-2">
                    <code>{r.eventType}</code>
                    <div className="text-slate-700">{r.eventId}</div>
                  </td>
                  <td className="break-all px-2 py-2">{r.endpointUrl}</td>
                  <td className="px-2 py-2">{deliveryStatusLabel(r)}</td>
                  <td className="px-2 py-2">{r.attempts}</td>
                  <td className="px-2 py-2">{lastAnswer(r)}</td>
                  <td className="px-2 py-2">{r.status === "delivered" ? formatDateTime(r.deliveredAt) : r.status === "pending" ? formatDateTime(r.nextAttemptAt) : ""}</td>
                  <td className="px-2 py-2">{formatDateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
