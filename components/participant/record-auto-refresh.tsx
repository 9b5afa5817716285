"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Updates the page every `seconds` while the record is arriving. With JavaScript the server part
 * re-renders in place (no reload: the live region is announced, focus and scroll stay); without
 * it, a timed refresh in <noscript> reloads the page. Rendered only while updates are wanted, and
 * the page always offers a way to stop them.
 */
export function RecordAutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
    </noscript>
  );
}
