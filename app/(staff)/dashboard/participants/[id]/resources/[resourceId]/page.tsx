import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/lib/dashboard/format";
import { participantIdSchema } from "@/lib/dashboard/query";
import { getStoredResourceForStaff } from "@/lib/data/participant-record";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Raw record entry" };

const resourceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One stored FHIR resource exactly as the health system sent it (pretty-printed, as text). Audited. */
export default async function StoredResourcePage({ params }: { params: Promise<{ id: string; resourceId: string }> }) {
  const staff = await requireStaff("viewer");
  const { id, resourceId } = await params;
  const participant = participantIdSchema.safeParse(id);
  const resource = resourceIdSchema.safeParse(resourceId);
  if (!participant.success || !resource.success) notFound();
  const view = await getStoredResourceForStaff(staff, participant.data, resource.data);
  if (!view) notFound();
  return (
    <article className="space-y-4">
      <p>
        <Link href={`/dashboard/participants/${participant.data}`} className="text-blue-800 underline underline-offset-4">Back to the participant</Link>
      </p>
      <h1 className="text-3xl font-bold">
        {view.resourceType} <span className="break-all font-normal">{view.fhirId}</span>
      </h1>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">From</dt>
        <dd>{view.healthSystemName}{view.source === "reference" ? " (read because the record points at it)" : ""}</dd>
        <dt className="font-semibold">Version at the health system</dt>
        <dd>{view.versionId ?? "Not given"}{view.lastUpdated ? `, last updated ${view.lastUpdated}` : ""}</dd>
        <dt className="font-semibold">First stored</dt>
        <dd>{formatDateTime(view.firstSeenAt)}</dd>
        <dt className="font-semibold">Last changed</dt>
        <dd>{formatDateTime(view.changedAt)}</dd>
        {view.removedAt && (
          <>
            <dt className="font-semibold">No longer at the health system since</dt>
            <dd>{formatDateTime(view.removedAt)}</dd>
          </>
        )}
      </dl>
      <pre tabIndex={0} aria-label={`Raw JSON of ${view.resourceType} ${view.fhirId}`} className="max-h-[70vh] overflow-auto rounded-lg border border-slate-300 bg-white p-3 text-xs">
        {view.json}
      </pre>
    </article>
  );
}
