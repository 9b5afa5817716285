import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Share your health record for research", template: "%s · Research enrollment" },
  description: "Connect your health record to a research study, with your consent.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, so each gets its own CSP nonce (see proxy.ts).
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-3">
          Skip to main content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-slate-900 no-underline">
              Research enrollment
            </Link>
            <Link href="/me" className="rounded-md px-3 py-2 text-blue-800 underline underline-offset-4">
              My connection
            </Link>
          </nav>
        </header>
        <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto max-w-3xl px-4 py-4 text-sm text-slate-700">
            <Link href="/staff/sign-in" className="underline underline-offset-4">
              Study staff sign in
            </Link>
          </div>
        </footer>
      </body>
    </html>
  );
}
