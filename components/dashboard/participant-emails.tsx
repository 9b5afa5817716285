import Link from "next/link";
import { formatDateTime } from "@/lib/dashboard/format";
import { failedEmailsSummary, listParticipantEmails } from "@/lib/data/emails";
import { emailKindWords, emailStatusWords } from "@/lib/mail/words";
import type { StaffSession } from "@/lib/staff/roles";

/** The emails sent (or being sent) to one participant: what, status, when, and why one failed. Never their content. */
export async function ParticipantEmails({ staff, participantId }: { staff: StaffSession; participantId: string }) {
  const emails = await listParticipantEmails(staff, participantId);
  return (
    <section aria-labelledby="emails-title" className="space-y-3">
      <h2 id="emails-title" className="border-b border-slate-300 pb-1 text-2xl font-bold">Emails</h2>
      {emails.length === 0 ? (
        <p>No emails have been sent to this participant.</p>
      ) : (
        <div role="region" aria-label="Emails to this participant" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full min-w-[40rem] text-sm">
            <caption className="sr-only">Emails to this participant, newest first</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-2">Email</th>
                <th scope="col" className="px-2 py-2">Status</th>
                <th scope="col" className="px-2 py-2">Sent</th>
                <th scope="col" className="px-2 py-2">Last problem</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id} className="border-t border-slate-200 align-top" data-testid="participant-email">
                  <td className="px-2 py-2">{emailKindWords(e.kind)}</td>
                  <td className="px-2 py-2">{emailStatusWords(e.status, e.attempts)}</td>
                  <td className="px-2 py-2">{e.sentAt ? formatDateTime(e.sentAt) : e.status === "failed" ? "Never" : `Not yet (queued ${formatDateTime(e.createdAt)})`}</td>
                  <td className="px-2 py-2">{e.lastError ?? "None"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One line on the dashboard when emails could not be delivered (nothing otherwise), naming the latest. */
export async function FailedEmailsLine({ staff }: { staff: StaffSession }) {
  const { count, latest } = await failedEmailsSummary(staff);
  if (count === 0 || !latest) return null;
  return (
    <p data-testid="failed-emails">
      <strong>{count === 1 ? "1 email" : `${count} emails`} could not be delivered.</strong> Latest: {emailKindWords(latest.kind)}
      {latest.participantId && (
        <>
          {" "}
          to <Link className="text-blue-900 underline" href={`/dashboard/participants/${latest.participantId}`}>participant {latest.studyId ?? latest.participantId}</Link>
        </>
      )}
      {latest.lastError ? ` (${latest.lastError})` : ""}.
    </p>
  );
}
