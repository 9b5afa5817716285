import "server-only";
import { brandsNeedingLogos, knownLogoFetches, saveLogoFetch, setBrandLogos, urlHash } from "../data/directory-logos";
import type { ImportRun } from "../data/directory-import";
import { loadLogo } from "./logo-fetch";

/** A refused URL is tried again after a day (the host may have been down); a stored logo is kept. */
const RETRY_REFUSED_MS = 24 * 3600_000;
const PAGE = 400;
const CONCURRENCY = 4;

export type LogoCounts = { stored: number; reused: number; refused: number; reasons: Record<string, number> };

/**
 * The import's last step: every active brand of the source that names a logo gets the stored
 * copy. Each distinct URL is loaded once (four at a time), checked, and remembered.
 */
export async function storeLogos(run: ImportRun, onPage?: (done: number) => Promise<void>): Promise<LogoCounts> {
  const counts: LogoCounts = { stored: 0, reused: 0, refused: 0, reasons: {} };
  const refusedNow = new Set<string>();
  let after = "";
  let done = 0;
  for (;;) {
    const page = await brandsNeedingLogos(run, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const byUrl = new Map<string, string[]>();
    for (const b of page) byUrl.set(b.logoUrl!, [...(byUrl.get(b.logoUrl!) ?? []), b.id]);
    const known = await knownLogoFetches([...byUrl.keys()].map(urlHash));
    const byLogo = new Map<string, string[]>();
    const toLoad: string[] = [];
    for (const url of byUrl.keys()) {
      const hit = known.get(urlHash(url));
      if (hit?.logoId) {
        byLogo.set(hit.logoId, [...(byLogo.get(hit.logoId) ?? []), ...byUrl.get(url)!]);
        counts.reused += 1;
      } else if (hit?.error && (refusedNow.has(url) || Date.now() - hit.fetchedAt.getTime() < RETRY_REFUSED_MS)) {
        if (!refusedNow.has(url)) count(counts, hit.error);
        refusedNow.add(url);
      } else toLoad.push(url);
    }
    for (let i = 0; i < toLoad.length; i += CONCURRENCY) {
      await Promise.all(
        toLoad.slice(i, i + CONCURRENCY).map(async (url) => {
          const logo = await loadLogo(url);
          const id = await saveLogoFetch(url, logo.ok ? logo : { error: logo.reason });
          if (logo.ok && id) {
            counts.stored += 1;
            byLogo.set(id, [...(byLogo.get(id) ?? []), ...byUrl.get(url)!]);
          } else if (!logo.ok) {
            refusedNow.add(url);
            count(counts, logo.reason);
          }
        }),
      );
    }
    await setBrandLogos(byLogo);
    done += page.length;
    await onPage?.(done);
  }
  return counts;
}

function count(counts: LogoCounts, reason: string) {
  counts.refused += 1;
  counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
}
