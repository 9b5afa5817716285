import "server-only";
import { brandsNeedingLogos, knownLogoFetches, logoId, recordLogoFetch, saveLogos, setBrandLogos, urlHash } from "../data/directory-logos";
import type { ImportRun } from "../data/directory-import";
import { checkLogo, decodeDataUrl, type LogoCheck } from "./logo-check";
import { loadLogo, maxLogoBytes } from "./logo-fetch";

/** A refused web address is tried again after a day (the host may have been down); a stored logo is kept. */
const RETRY_REFUSED_MS = 24 * 3600_000;
const PAGE = 2000;
const CONCURRENCY = 4;

export type LogoCounts = { stored: number; reused: number; refused: number; reasons: Record<string, number> };

/**
 * The import's last step: every active brand of the source that names a logo gets the stored
 * copy. A data: URL is decoded and checked in place; each distinct web address is fetched once
 * (four at a time), checked, and what it gave is remembered for later imports.
 */
export async function storeLogos(run: ImportRun, onPage?: (done: number) => Promise<void>): Promise<LogoCounts> {
  const counts: LogoCounts = { stored: 0, reused: 0, refused: 0, reasons: {} };
  const refusedNow = new Map<string, string>();
  const storedIds = new Set<string>();
  let after = "";
  let done = 0;
  for (;;) {
    const page = await brandsNeedingLogos(run, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const byUrl = new Map<string, string[]>();
    for (const b of page) byUrl.set(b.logoUrl!, [...(byUrl.get(b.logoUrl!) ?? []), b.id]);
    const remote = [...byUrl.keys()].filter((url) => !url.startsWith("data:"));
    const known = await knownLogoFetches(remote.map(urlHash));
    const logoOf = new Map<string, string>();
    const fresh: { id: string; contentType: string; bytes: Uint8Array }[] = [];
    const adopt = (url: string, check: LogoCheck) => {
      if (!check.ok) {
        if (!refusedNow.has(url)) count(counts, check.reason);
        refusedNow.set(url, check.reason);
        return null;
      }
      const id = logoId(check.bytes);
      if (!storedIds.has(id)) {
        storedIds.add(id);
        fresh.push({ id, contentType: check.contentType, bytes: check.bytes });
        counts.stored += 1;
      }
      for (const brand of byUrl.get(url)!) logoOf.set(brand, id);
      return id;
    };
    for (const url of byUrl.keys()) {
      if (!url.startsWith("data:")) continue;
      const decoded = decodeDataUrl(url, maxLogoBytes());
      adopt(url, !decoded ? { ok: false, reason: "logo data: URL is malformed" } : "reason" in decoded ? { ok: false, reason: decoded.reason } : checkLogo(decoded.bytes, maxLogoBytes()));
    }
    const toFetch: string[] = [];
    for (const url of remote) {
      const hit = known.get(urlHash(url));
      if (hit?.logoId) {
        for (const brand of byUrl.get(url)!) logoOf.set(brand, hit.logoId);
        counts.reused += 1;
      } else if (refusedNow.has(url)) continue;
      else if (hit?.error && Date.now() - hit.fetchedAt.getTime() < RETRY_REFUSED_MS) adopt(url, { ok: false, reason: hit.error });
      else toFetch.push(url);
    }
    for (let i = 0; i < toFetch.length; i += CONCURRENCY) {
      await Promise.all(
        toFetch.slice(i, i + CONCURRENCY).map(async (url) => {
          const id = adopt(url, await loadLogo(url));
          await recordLogoFetch(url, id ? { logoId: id } : { error: refusedNow.get(url)! });
        }),
      );
    }
    await saveLogos(fresh);
    await setBrandLogos(logoOf);
    done += page.length;
    await onPage?.(done);
  }
  return counts;
}

function count(counts: LogoCounts, reason: string) {
  counts.refused += 1;
  counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
}
