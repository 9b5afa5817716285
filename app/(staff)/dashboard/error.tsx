"use client";

/** An unexpected failure on a dashboard page: a plain message, never the error's details. */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="space-y-4" aria-labelledby="dashboard-error-title">
      <h1 id="dashboard-error-title" className="text-3xl font-bold">Something went wrong</h1>
      <p className="text-lg">The dashboard could not show this page. Please try again in a moment.</p>
      <button type="button" onClick={reset} className="min-h-12 rounded-lg bg-blue-800 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-900">
        Try again
      </button>
    </section>
  );
}
