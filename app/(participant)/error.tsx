"use client";

import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { errorPageWords } from "@/messages/error-page";

/**
 * Any unexpected failure: a plain message and a way forward, never the error's details. It runs
 * in the browser, so it takes the page's language from `<html lang>` (set by the root layout).
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = typeof document === "undefined" ? DEFAULT_LOCALE : document.documentElement.lang;
  // Only the error page's words, not the whole catalogues, go to the browser.
  const t = errorPageWords[isLocale(lang) ? lang : DEFAULT_LOCALE];
  return (
    <section className="space-y-4" aria-labelledby="error-title">
      <h1 id="error-title" className="text-3xl font-bold">{t.heading}</h1>
      <p className="text-lg">{t.body}</p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="min-h-12 rounded-lg bg-blue-800 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-900"
        >
          {t.tryAgain}
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a fresh page load is the surest recovery */}
        <a href="/" className="inline-flex min-h-12 items-center rounded-lg px-6 py-3 text-lg underline">
          {t.home}
        </a>
      </div>
    </section>
  );
}
