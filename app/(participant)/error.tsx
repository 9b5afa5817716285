"use client";

import Link from "next/link";

/** Any unexpected failure: a plain message and a way forward, never the error's details. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="space-y-4" aria-labelledby="error-title">
      <h1 id="error-title" className="text-3xl font-bold">Something went wrong</h1>
      <p className="text-lg">We could not show this page. Nothing you shared has been lost. Please try again in a moment.</p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="min-h-12 rounded-lg bg-blue-800 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-900"
        >
          Try again
        </button>
        <Link href="/" className="inline-flex min-h-12 items-center rounded-lg px-6 py-3 text-lg underline">
          Go to the start page
        </Link>
      </div>
    </section>
  );
}
