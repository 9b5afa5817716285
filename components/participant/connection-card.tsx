import { SubmitButton } from "@/components/ui/submit-button";
import type { MyStudyConnection } from "@/lib/data/participant-accounts";
import { sharingEndsWords } from "@/lib/enrollment/date-words";
import { getParticipantT } from "@/lib/i18n/server";
import { SharedPartsList } from "./granted-data";
import { sharedParts, type ArrivedParts } from "./shared-parts";

type Props = {
  connection: MyStudyConnection;
  reconnectAction: (formData: FormData) => Promise<void>;
  /** What of the record has arrived from this health system (lib/data/participant-arrived.ts). */
  arrived?: ArrivedParts;
  /** A stopped connection may be shared again (after the consent again) while they are in the study. */
  canShareAgain?: boolean;
};

/** One health system the participant shares from (or did): what is true, and what they can do. */
export async function ConnectionCard({ connection: c, reconnectAction, arrived, canShareAgain = false }: Props) {
  const { t, format, locale } = await getParticipantT("card");
  const whose = (await getParticipantT("whoseRecord")).t;
  const again = (await getParticipantT("reconsent")).t;
  const day = (date: Date | null) => (date ? format.day(date) : t("notYet"));
  const statusWords = c.status === "connected" || c.status === "needs_reconnect" || c.status === "withdrawn" ? t(c.status) : c.status;
  const titleId = `hs-${c.id}`;
  // An article, not a named region: a participant may hold two cards of one health system (their
  // own record and one they act for, or one they stopped), and page landmarks must have unique
  // names. Named by the health system and, where known, whose record.
  const recordId = `record-of-${c.id}`;
  const stopped = c.status === "withdrawn";
  return (
    <article aria-labelledby={c.displayName ? `${titleId} ${recordId}` : titleId} className="space-y-4 rounded-lg border border-slate-300 bg-white p-5" data-testid="connection-card">
      <h2 id={titleId} className="text-2xl font-semibold">{c.healthSystemName}</h2>
      <dl className="grid gap-x-6 gap-y-2 text-lg sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("status")}</dt>
        <dd data-testid="connection-status">{statusWords}</dd>
        {c.displayName && (
          <>
            <dt className="font-semibold">{t("recordOf")}</dt>
            <dd id={recordId}>
              {c.displayName}
              {c.whoseRecordAnswer === "self" && ` (${whose("recordOfSelf")})`}
              {c.whoseRecordAnswer === "representative" && c.representing && ` (${whose("recordOfRepresented", { representing: c.representing })})`}
            </dd>
          </>
        )}
        <dt className="font-semibold">{t("connectedSince")}</dt>
        <dd>{day(c.connectedAt)}</dd>
        {!stopped && (
          <>
            <dt className="font-semibold">{t("sharingEnds")}</dt>
            {/* The day the participant chose at the EHR, the same in every time zone (lib/enrollment/date-words.ts). */}
            <dd data-testid="sharing-ends">{sharingEndsWords(c.sharingEndsFromEhr, true, locale, t("notTold"))}</dd>
          </>
        )}
        <dt className="font-semibold">{t("lastData")}</dt>
        <dd>{day(c.lastDataAt)}</dd>
      </dl>
      {!stopped && (
        <div className="space-y-1" data-testid="granted-data">
          <h3 className="text-xl font-semibold">{t("shared")}</h3>
          <SharedPartsList shared={await sharedParts({ requested: c.requestedScope, granted: c.grantedScope, arrived })} />
        </div>
      )}
      {c.status === "needs_reconnect" && <p className="text-lg font-semibold text-red-900">{t("needsReconnect")}</p>}
      {c.whoseRecordPending && (
        <p className="text-lg font-semibold">
          {whose("pending", { healthSystem: c.healthSystemName })}{" "}
          <a href="/connect/whose" className="text-blue-800 underline underline-offset-4">{whose("answer")}</a>
        </p>
      )}
      {stopped && <EhrAccessOutcome connection={c} words={{ ended: t("ended"), notEnded: t("notEnded"), endItHere: t("endItHere", { name: c.healthSystemName }), endItPortal: t("endItPortal") }} />}
      {stopped && canShareAgain && (
        // Reconnecting where they stopped passes through the consent again (lib/enrollment/start.ts).
        <form action={reconnectAction} className="space-y-2">
          <input type="hidden" name="healthSystemId" value={c.healthSystemId} />
          <p className="text-base text-slate-700">{again("hint")}</p>
          <SubmitButton variant="secondary">{again("reconnectStopped")}</SubmitButton>
        </form>
      )}
      {!stopped && (
        <div className="flex flex-wrap gap-3">
          <form action={reconnectAction}>
            <input type="hidden" name="healthSystemId" value={c.healthSystemId} />
            <SubmitButton variant={c.status === "connected" ? "secondary" : "primary"}>{t("reconnect")}</SubmitButton>
          </form>
          <a
            href={`/me/stop?connection=${encodeURIComponent(c.id)}`}
            className="inline-flex min-h-12 items-center rounded-lg px-4 py-3 text-lg text-red-900 underline underline-offset-4"
          >
            {t("stop")}
          </a>
        </div>
      )}
    </article>
  );
}

/** After stopping: what really happened at the EHR, and where to end it when the study could not. */
type OutcomeWords = { ended: string; notEnded: string; endItHere: string; endItPortal: string };
function EhrAccessOutcome({ connection: c, words }: { connection: MyStudyConnection; words: OutcomeWords }) {
  if (c.ehrAccessEndedAt) return <p className="text-lg font-semibold" data-testid="ehr-access">{words.ended}</p>;
  return (
    <div className="space-y-2 text-lg" data-testid="ehr-access">
      <p className="font-semibold">{words.notEnded}</p>
      {c.manageUrl ? (
        <p>
          <a href={c.manageUrl} className="text-blue-800 underline underline-offset-4" rel="noopener noreferrer">
            {words.endItHere}
          </a>
        </p>
      ) : (
        <p>{words.endItPortal}</p>
      )}
    </div>
  );
}
