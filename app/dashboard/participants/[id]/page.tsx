import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PatientSummary } from "@/components/fhir/PatientSummary";
import { ConnectionFacts } from "@/components/dashboard/connection-facts";
import { RefreshButton } from "@/components/dashboard/refresh-button";
import { participantIdSchema } from "@/lib/dashboard/query";
import { getParticipantForStaff } from "@/lib/data/dashboard-participant";
import { formatDay } from "@/lib/enrollment/status-words";
import { roleAtLeast } from "@/lib/staff/roles";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Participant" };

/** One participant for staff: the Patient record for people, its raw JSON, and the connection's facts. Audited. */
export default async function ParticipantPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("viewer");
  const id = participantIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const participant = await getParticipantForStaff(staff, id.data);
  if (!participant) notFound();
  const withdrawn = participant.status === "withdrawn";
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Participant {participant.id}</h1>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Enrolled</dt>
        <dd>{formatDay(participant.createdAt)}</dd>
        <dt className="font-semibold">Consent</dt>
        <dd>{participant.consentVersion ? `${participant.consentVersion}, given ${formatDay(participant.consentedAt)}` : "Not recorded"}</dd>
        {withdrawn && (
          <>
            <dt className="font-semibold">Withdrawn on</dt>
            <dd data-testid="withdrawn-on">{formatDay(participant.withdrawnAt)}</dd>
          </>
        )}
      </dl>
      {participant.connections.map((connection) => (
        <section key={connection.id} aria-labelledby={`c-${connection.id}`} className="space-y-4">
          <h2 id={`c-${connection.id}`} className="text-2xl font-bold">Record at {connection.healthSystemName}</h2>
          {!withdrawn && <ConnectionFacts connection={connection} />}
          {!withdrawn && roleAtLeast(staff.role, "coordinator") && <RefreshButton connectionId={connection.id} />}
          {connection.snapshot ? (
            <>
              <h3 className="text-xl font-semibold">Patient record</h3>
              {connection.snapshot.patient ? <PatientSummary patient={connection.snapshot.patient} /> : <p>The stored record is not a valid Patient resource.</p>}
              <details className="rounded-lg border border-slate-300 bg-white p-3">
                <summary className="cursor-pointer font-semibold">Raw FHIR JSON ({connection.snapshot.fhirVersion ?? "unknown version"}, fetched {formatDay(connection.snapshot.fetchedAt)})</summary>
                <pre tabIndex={0} aria-label="Raw FHIR JSON" className="mt-2 max-h-96 overflow-auto text-xs">{connection.snapshot.rawJson}</pre>
              </details>
            </>
          ) : (
            <p>{withdrawn ? "The participant withdrew; under the study's policy their record was deleted." : "No Patient record has been fetched yet."}</p>
          )}
        </section>
      ))}
    </article>
  );
}
