import type { Metadata } from "next";
import { z } from "zod";
import { AddWebhookForm } from "@/components/dashboard/add-webhook-form";
import { ResearchNav } from "@/components/dashboard/research-nav";
import { WebhookDeliveries } from "@/components/dashboard/webhook-deliveries";
import { WebhookEndpointActions } from "@/components/dashboard/webhook-endpoint-actions";
import { formatDateTime } from "@/lib/dashboard/format";
import { listRecentDeliveries, listWebhookEndpoints } from "@/lib/data/webhooks";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Webhooks" };

const paramsSchema = z.object({ status: z.enum(["pending", "failed", "delivered"]).optional().catch(undefined) });

/** Webhooks (admins): where the portal sends signed events, and how each delivery went. */
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("admin");
  const { status } = paramsSchema.parse(await searchParams);
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(staff), listRecentDeliveries(staff, status ? { status } : {})]);
  return (
    <article className="space-y-8">
      <ResearchNav current="/dashboard/webhooks" />
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Webhooks</h1>
        <p className="max-w-prose">
          The portal tells the study&apos;s own systems when something happens: it sends a signed message to each address below. Messages name
          participants, connections and health systems by id only, never health information. A message that is not accepted is sent again, waiting
          longer each time, for about a day.
        </p>
      </header>
      <section aria-labelledby="add-webhook" className="space-y-2">
        <h2 id="add-webhook" className="text-2xl font-bold">Add a webhook</h2>
        <AddWebhookForm />
      </section>
      <section aria-labelledby="webhook-list" className="space-y-4">
        <h2 id="webhook-list" className="text-2xl font-bold">{endpoints.length === 1 ? "1 webhook" : `${endpoints.length} webhooks`}</h2>
        {endpoints.map((e) => (
          <section key={e.id} aria-labelledby={`webhook-${e.id}`} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
            <h3 id={`webhook-${e.id}`} className="break-all text-xl font-semibold">{e.url}</h3>
            <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
              <dt className="font-semibold">Status</dt>
              <dd>{e.active ? "Sending" : "Stopped"}</dd>
              <dt className="font-semibold">Events</dt>
              <dd>{e.events.join(", ")}</dd>
              <dt className="font-semibold">Deliveries</dt>
              <dd>
                {e.counts.delivered} delivered, {e.counts.pending} waiting or retrying, {e.counts.failed} failed
                {e.counts.cancelled > 0 ? `, ${e.counts.cancelled} cancelled` : ""}
              </dd>
              <dt className="font-semibold">Added</dt>
              <dd>
                {formatDateTime(e.createdAt)} by {e.createdBy}
              </dd>
            </dl>
            <WebhookEndpointActions endpointId={e.id} failed={e.counts.failed} active={e.active} />
          </section>
        ))}
      </section>
      <section aria-labelledby="deliveries" className="space-y-2">
        <h2 id="deliveries" className="text-2xl font-bold">Latest deliveries</h2>
        <WebhookDeliveries rows={deliveries} status={status} />
      </section>
    </article>
  );
}
