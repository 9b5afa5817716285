import Link from "next/link";
import type { MyRecordStatus } from "@/lib/data/record-progress";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { RecordArrival } from "./record-arrival";

/** Seconds between updates while the record arrives. */
const UPDATE_SECONDS = 5;
/** After this long without finishing, the page stops updating itself and says so. */
const PATIENCE_MS = 15 * 60_000;

const link = "inline-flex min-h-12 items-center rounded-lg border-2 border-blue-800 bg-white px-5 py-2 text-lg font-semibold text-blue-900 no-underline hover:bg-blue-50";

/**
 * The participant's record arriving, on the confirmation page: "Receiving your record: 5 of 14
 * kinds" in a live region while the first sync runs (the page updates itself, with or without
 * JavaScript, until it finishes, the participant stops it, or it takes too long), then what
 * arrived. `path` is the page's own address, for "Check again" and "Stop updating". With
 * JavaScript, public/participant/record-refresh.js (no framework; `nonce` is the page's CSP nonce)
 * refetches the page and swaps this section's content in place while `data-updating` is "true";
 * without it, a <noscript> timed refresh reloads the page.
 */
export function RecordReceiving({ status, updatesOff, path, locale, nonce, now = new Date() }: { status: MyRecordStatus; updatesOff: boolean; path: string; locale: Locale; nonce?: string; now?: Date }) {
  const t = translatorFor(locale, "record");
  if (status.connectionStatus === "withdrawn") return null;
  const { progress } = status;
  const working = status.connectionStatus === "connected" && !progress.complete;
  const slow = working && now.getTime() - status.connectedAt.getTime() > PATIENCE_MS;
  const updating = working && !slow && !updatesOff;
  const headline = progress.complete
    ? t("arrived")
    : status.connectionStatus !== "connected"
      ? t("cannotReceive")
      : progress.planned === 0
        ? t("gettingReady")
        : t("receiving", { finished: progress.finished, planned: progress.planned });
  return (
    <>
      <section
        aria-labelledby="record-title"
        className="space-y-4 rounded-lg border-2 border-blue-200 bg-blue-50 p-5"
        data-record-section=""
        data-updating={String(updating)}
        data-update-seconds={UPDATE_SECONDS}
      >
        <h2 id="record-title" className="text-2xl font-semibold">{progress.complete ? t("titleArrived") : t("titleArriving")}</h2>
        <div role="status" aria-live="polite" aria-atomic="true" className="text-xl font-semibold" data-testid="record-progress">
          {headline}
        </div>
        {working && progress.planned > 0 && (
          <div aria-hidden="true" className="h-4 w-full overflow-hidden rounded-full border border-blue-800 bg-white">
            <div className="h-full bg-blue-800" style={{ width: `${Math.round((100 * progress.finished) / progress.planned)}%` }} />
          </div>
        )}
        {progress.complete && status.arrival && <RecordArrival arrival={status.arrival} locale={locale} />}
        {status.connectionStatus !== "connected" && !progress.complete && <p className="text-lg">{t("seeConnection")}</p>}
        {updating && (
          <>
            <noscript>
              <meta httpEquiv="refresh" content={String(UPDATE_SECONDS)} />
            </noscript>
            <p className="text-lg">{t("updatesItself")}</p>
            <Link href={`${path}?updates=off`} className={link}>{t("stopUpdating")}</Link>
          </>
        )}
        {working && !updating && (
          <>
            <p className="text-lg">
              {slow
                ? t("slow")
                : t("notUpdating")}
            </p>
            <div className="flex flex-wrap gap-3">
              <Link href={`${path}?updates=off`} className={link}>{t("checkAgain")}</Link>
              {!slow && <Link href={path} className={link}>{t("updateItself")}</Link>}
            </div>
          </>
        )}
      </section>
      {updating && <script src="/participant/record-refresh.js" nonce={nonce} defer />}
    </>
  );
}
