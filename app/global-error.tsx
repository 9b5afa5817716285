"use client";

/** Last resort when the root layout itself fails: plain HTML, no details. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem", fontSize: "1.15rem" }}>
        <h1>Something went wrong</h1>
        <p>We could not show this page. Nothing you shared has been lost. Please try again in a moment.</p>
        <button type="button" onClick={reset} style={{ minHeight: 48, padding: "0.75rem 1.5rem", fontSize: "1.1rem" }}>
          Try again
        </button>
      </body>
    </html>
  );
}
