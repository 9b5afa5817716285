import { headers } from "next/headers";
import { getParticipantT } from "@/lib/i18n/server";

const ID = "directory-search";

/**
 * The choose page's search field: a plain GET form (works without JavaScript). A small script of
 * its own (public/participant/search-box.js, no framework) adds suggestions as you type, following
 * the ARIA combobox pattern: arrow keys move through the list, Enter picks, Escape closes, and the
 * count is announced. The page ships no other JavaScript.
 */
export async function SearchBox({ defaultValue }: { defaultValue: string }) {
  const { t } = await getParticipantT("searchBox");
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const listId = `${ID}-list`;
  return (
    <form
      method="get"
      action="/connect/choose"
      role="search"
      className="flex flex-wrap items-end gap-3"
      data-search-box=""
      data-none={t("suggestionsNone")}
      data-one={t("suggestionsOne")}
      data-many={t("suggestionsMany", { count: "#" })}
    >
      <div className="relative flex w-full max-w-xl flex-col gap-1">
        <label htmlFor={`${ID}-q`} className="text-lg">{t("label")}</label>
        <span id={`${ID}-hint`} className="text-base text-slate-700">{t("hint")}</span>
        <input
          id={`${ID}-q`}
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={200}
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded="false"
          aria-controls={listId}
          aria-describedby={`${ID}-hint`}
          className="min-h-12 w-full rounded-lg border-2 border-slate-400 px-3 text-lg"
        />
        <input type="hidden" name="brand" defaultValue="" />
        <ul id={listId} role="listbox" aria-label={t("label")} hidden className="absolute top-full z-10 mt-1 w-full rounded-lg border-2 border-slate-400 bg-white shadow-lg" />
      </div>
      <button type="submit" className="inline-flex min-h-12 items-center justify-center rounded-lg border-2 border-blue-800 bg-white px-6 py-3 text-lg font-semibold text-blue-900 hover:bg-blue-50">
        {t("search")}
      </button>
      <p role="status" aria-live="polite" className="sr-only" />
      <script src="/participant/search-box.js" nonce={nonce} defer />
    </form>
  );
}
