"use client";

import { errorPageWords } from "@/messages/error-page";

const { en, es } = errorPageWords;

/**
 * Last resort when the root layout itself fails: plain HTML, no details. It replaces the layout
 * that knew the participant's language, so it speaks both (English, then Spanish).
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem", fontSize: "1.15rem" }}>
        <h1>
          {en.heading} <span lang="es">/ {es.heading}</span>
        </h1>
        <p>{en.body}</p>
        <p lang="es">{es.body}</p>
        <button type="button" onClick={reset} style={{ minHeight: 48, padding: "0.75rem 1.5rem", fontSize: "1.1rem" }}>
          {en.tryAgain} <span lang="es">/ {es.tryAgain}</span>
        </button>
      </body>
    </html>
  );
}
