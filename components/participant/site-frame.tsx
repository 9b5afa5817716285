import Link from "next/link";
import { StudyContact } from "./study-contact";

/** The participant site's header, main column and footer (participant pages and the not-found page). */
export function ParticipantSiteFrame({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-slate-900 no-underline">
            Research enrollment
          </Link>
          <Link href="/me" className="rounded-md px-3 py-2 text-blue-800 underline underline-offset-4">
            My study
          </Link>
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-3xl space-y-3 px-4 py-4 text-sm text-slate-700">
          <StudyContact />
          <Link href="/staff/sign-in" className="underline underline-offset-4">
            Study staff sign in
          </Link>
        </div>
      </footer>
    </>
  );
}
