import { studyContact } from "@/lib/accounts/contact";
import { getParticipantT } from "@/lib/i18n/server";
import { LanguageSwitch } from "./language-switch";
import { StudyContact } from "./study-contact";

/**
 * The participant site's header, main column and footer (participant pages and the not-found
 * page), in the participant's language, with the language switch. Plain links, no client code.
 */
export async function ParticipantSiteFrame({ children }: { children: React.ReactNode }) {
  const { t, locale } = await getParticipantT("common");
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label={t("mainNav")} className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- participant pages are plain HTML: no client router (docs/ARCHITECTURE.md) */}
          <a href="/" className="text-lg font-semibold text-slate-900 no-underline">
            {t("brand")}
          </a>
          <div className="flex flex-wrap items-center gap-2">
            <a href="/me" className="inline-flex min-h-12 items-center rounded-md px-3 py-2 text-blue-800 underline underline-offset-4">
              {t("myConnection")}
            </a>
            <LanguageSwitch locale={locale} label={t("languageLabel")} />
          </div>
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-3xl space-y-3 px-4 py-4 text-sm text-slate-700">
          <StudyContact words={{ contact: t("contact", { name: studyContact().name }), email: t("contactEmail"), phone: t("contactPhone") }} />
          <a href="/staff/sign-in" className="underline underline-offset-4">
            {t("staffSignIn")}
          </a>
        </div>
      </footer>
    </>
  );
}
