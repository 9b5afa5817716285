import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PatientSummary } from "@/components/fhir/PatientSummary";
import { ConnectionFacts } from "@/components/dashboard/connection-facts";
import { ParticipantEmails } from "@/components/dashboard/participant-emails";
import { RecordSections } from "@/components/dashboard/record/record-sections";
import { RecordStatus } from "@/components/dashboard/record/record-status";
import { RefreshButton } from "@/components/dashboard/refresh-button";
import { fhirVersionLabel, formatShortDay } from "@/lib/dashboard/format";
import { consentCapacityWords } from "@/lib/dashboard/whose-words";
import { participantIdSchema } from "@/lib/dashboard/query";
import { getParticipantForStaff } from "@/lib/data/dashboard-participant";
import { getParticipantRecords } from "@/lib/data/participant-record";
import { getRecordStatusForStaff } from "@/lib/data/record-progress";
import { RECORD_SECTIONS, type RecordSectionKey } from "@/lib/fhir/record";
import { roleAtLeast } from "@/lib/staff/roles";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Participant" };

const sectionKeys = RECORD_SECTIONS.map((s) => s.key) as [RecordSectionKey, ...RecordSectionKey[]];
const showAllSchema = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(sectionKeys)).max(sectionKeys.length)).catch([]);

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * One participant for staff: who they are (name and study participant id), each connection's
 * facts in plain words, and their record from the resource store, section by section. Audited.
 */
export default async function ParticipantPage({ params, searchParams }: Props) {
  const staff = await requireStaff("viewer");
  const id = participantIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const participant = await getParticipantForStaff(staff, id.data);
  if (!participant) notFound();
  const showAll = showAllSchema.parse((await searchParams).all);
  const [recordList, statusList] = await Promise.all([getParticipantRecords(staff, participant.id, { unlimited: showAll }), getRecordStatusForStaff(staff, participant.id)]);
  const records = new Map(recordList.map((r) => [r.connectionId, r]));
  const statuses = new Map(statusList.map((s) => [s.connectionId, s]));
  const withdrawn = participant.status === "withdrawn";
  const label = participant.studyId ?? participant.id;
  const showAllHref = (key: RecordSectionKey) => `?${[...new Set([...showAll, key])].map((k) => `all=${k}`).join("&")}`;
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">
          {participant.name ?? `Participant ${label}`}
          {participant.name && <span className="mt-1 block text-xl font-normal text-slate-800">Participant {label}</span>}
        </h1>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Enrolled</dt>
          <dd>{formatShortDay(participant.createdAt)}</dd>
          <dt className="font-semibold">Consent</dt>
          <dd>{participant.consentVersion ? `Version ${participant.consentVersion}, agreed ${formatShortDay(participant.consentedAt)}` : "Not recorded"}</dd>
          <dt className="font-semibold">Shares</dt>
          <dd data-testid="consent-capacity">{consentCapacityWords(participant)}</dd>
          {withdrawn && (
            <>
              <dt className="font-semibold">Withdrawn on</dt>
              <dd data-testid="withdrawn-on">{formatShortDay(participant.withdrawnAt)}</dd>
            </>
          )}
        </dl>
      </header>
      {participant.connections.map((connection) => {
        const record = records.get(connection.id);
        const status = statuses.get(connection.id);
        const lastDataAt = [record?.lastChangedAt, connection.snapshot?.fetchedAt].filter((d): d is Date => Boolean(d)).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
        return (
          <section key={connection.id} aria-labelledby={`c-${connection.id}`} className="space-y-4">
            <h2 id={`c-${connection.id}`} className="border-b border-slate-300 pb-1 text-2xl font-bold">Record at {connection.healthSystemName}</h2>
            {!withdrawn && <ConnectionFacts connection={connection} lastDataAt={lastDataAt} />}
            {!withdrawn && roleAtLeast(staff.role, "coordinator") && <RefreshButton connectionId={connection.id} />}
            {!withdrawn && status && <RecordStatus status={status} />}
            {connection.snapshot ? (
              <section aria-labelledby={`p-${connection.id}`} className="space-y-2">
                <h3 id={`p-${connection.id}`} className="text-xl font-semibold">Personal details</h3>
                {connection.snapshot.patient ? <PatientSummary patient={connection.snapshot.patient} /> : <p>The stored record is not a valid Patient resource.</p>}
                <details className="rounded-lg border border-slate-300 bg-white p-3">
                  <summary className="cursor-pointer font-semibold">
                    Raw Patient resource ({fhirVersionLabel(connection.snapshot.fhirVersion)}, fetched {formatShortDay(connection.snapshot.fetchedAt)})
                  </summary>
                  <pre tabIndex={0} aria-label="Raw Patient resource" className="mt-2 max-h-96 overflow-auto text-xs">{connection.snapshot.rawJson}</pre>
                </details>
              </section>
            ) : (
              <p>{withdrawn ? "The participant withdrew; under the study's policy their record was deleted." : "No Patient record has been fetched yet."}</p>
            )}
            {record && (record.resources > 0 || !withdrawn) && (
              <section aria-labelledby={`r-${connection.id}`} className="space-y-4">
                <h3 id={`r-${connection.id}`} className="text-xl font-semibold">Health record</h3>
                {record.resources === 0 ? (
                  <p>Nothing of the record is stored yet: it arrives with the next complete sync.</p>
                ) : (
                  <RecordSections record={record.record} participantId={participant.id} connectionId={connection.id} showAllHref={showAllHref} />
                )}
              </section>
            )}
          </section>
        );
      })}
      <ParticipantEmails staff={staff} participantId={participant.id} />
    </article>
  );
}
