import { SubmitButton } from "@/components/ui/submit-button";
import type { MyStudyConnection } from "@/lib/data/participant-accounts";
import { describeGrantedData } from "@/lib/enrollment/scope-words";
import { formatDay } from "@/lib/enrollment/status-words";

/** Words of a connection's card, in one place (for translation). */
const TEXT = {
  status: "Status",
  statusWords: { connected: "Connected", needs_reconnect: "Needs reconnecting", withdrawn: "Sharing stopped" } as Record<string, string>,
  recordOf: "Record of",
  connected: "Connected since",
  sharingEnds: "Sharing ends",
  notTold: "Not told to the study",
  lastData: "Data last arrived",
  shared: "What was shared",
  needsReconnect: "This health system stopped the study's access. Reconnect to keep sharing.",
  ended: "The study's access here has ended.",
  notEnded: "The study could not end its access here.",
  endItHere: (name: string) => `End it here, at ${name}`,
  endItPortal: "Please end it in your health system's patient portal.",
  reconnect: "Reconnect",
  stop: "Stop sharing from this health system",
};

type Props = { connection: MyStudyConnection; reconnectAction: (formData: FormData) => Promise<void> };

/** One health system the participant shares from (or did): what is true, and what they can do. */
export function ConnectionCard({ connection: c, reconnectAction }: Props) {
  const titleId = `hs-${c.id}`;
  const stopped = c.status === "withdrawn";
  return (
    <section aria-labelledby={titleId} className="space-y-4 rounded-lg border border-slate-300 bg-white p-5" data-testid="connection-card">
      <h2 id={titleId} className="text-2xl font-semibold">{c.healthSystemName}</h2>
      <dl className="grid gap-x-6 gap-y-2 text-lg sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{TEXT.status}</dt>
        <dd data-testid="connection-status">{TEXT.statusWords[c.status] ?? c.status}</dd>
        {c.displayName && (
          <>
            <dt className="font-semibold">{TEXT.recordOf}</dt>
            <dd>{c.displayName}</dd>
          </>
        )}
        <dt className="font-semibold">{TEXT.connected}</dt>
        <dd>{formatDay(c.connectedAt)}</dd>
        {!stopped && (
          <>
            <dt className="font-semibold">{TEXT.sharingEnds}</dt>
            <dd>{c.sharingEndsFromEhr ? formatDay(c.sharingEndsFromEhr) : TEXT.notTold}</dd>
          </>
        )}
        <dt className="font-semibold">{TEXT.lastData}</dt>
        <dd>{formatDay(c.lastDataAt)}</dd>
      </dl>
      {!stopped && (
        <div className="space-y-1">
          <h3 className="text-xl font-semibold">{TEXT.shared}</h3>
          <ul className="list-disc space-y-1 pl-6 text-lg">
            {describeGrantedData(c.grantedScope ?? c.requestedScope).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {c.status === "needs_reconnect" && <p className="text-lg font-semibold text-red-900">{TEXT.needsReconnect}</p>}
      {stopped && <EhrAccessOutcome connection={c} />}
      {!stopped && (
        <div className="flex flex-wrap gap-3">
          <form action={reconnectAction}>
            <input type="hidden" name="healthSystemId" value={c.healthSystemId} />
            <SubmitButton variant={c.status === "connected" ? "secondary" : "primary"}>{TEXT.reconnect}</SubmitButton>
          </form>
          <a
            href={`/me/stop?connection=${encodeURIComponent(c.id)}`}
            className="inline-flex min-h-12 items-center rounded-lg px-4 py-3 text-lg text-red-900 underline underline-offset-4"
          >
            {TEXT.stop}
          </a>
        </div>
      )}
    </section>
  );
}

/** After stopping: what really happened at the EHR, and where to end it when the study could not. */
function EhrAccessOutcome({ connection: c }: { connection: MyStudyConnection }) {
  if (c.ehrAccessEndedAt) return <p className="text-lg font-semibold" data-testid="ehr-access">{TEXT.ended}</p>;
  return (
    <div className="space-y-2 text-lg" data-testid="ehr-access">
      <p className="font-semibold">{TEXT.notEnded}</p>
      {c.manageUrl ? (
        <p>
          <a href={c.manageUrl} className="text-blue-800 underline underline-offset-4" rel="noopener noreferrer">
            {TEXT.endItHere(c.healthSystemName)}
          </a>
        </p>
      ) : (
        <p>{TEXT.endItPortal}</p>
      )}
    </div>
  );
}
