import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Share your health record for research", template: "%s · Research enrollment" },
  description: "Connect your health record to a research study, with your consent.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The document shell only. Participants' pages get their site's header and footer from
 * app/(participant)/layout.tsx; study staff's pages get the dashboard's own from
 * app/(staff)/layout.tsx, so neither ever shows the other's navigation.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, so each gets its own CSP nonce (see proxy.ts).
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-3">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
