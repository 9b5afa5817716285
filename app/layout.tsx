import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { documentLocale } from "@/lib/i18n/document-locale";
import { translatorFor } from "@/lib/i18n/translate";
import "./globals.css";

/** Titles in the page's language (participant pages; the staff side is in English). */
export async function generateMetadata(): Promise<Metadata> {
  const t = translatorFor(await documentLocale(await headers()), "common");
  return {
    title: { default: t("defaultTitle"), template: t("titleTemplate") },
    description: t("description"),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The document shell only. Participants' pages get their site's header and footer from
 * app/(participant)/layout.tsx; study staff's pages get the dashboard's own from
 * app/(staff)/layout.tsx, so neither ever shows the other's navigation.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, so each gets its own CSP nonce (see proxy.ts).
  const locale = await documentLocale(await headers());
  const t = translatorFor(locale, "common");
  return (
    <html lang={locale}>
      <body className="min-h-screen flex flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-3">
          {t("skipToContent")}
        </a>
        {children}
      </body>
    </html>
  );
}
