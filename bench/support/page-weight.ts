/**
 * First-load JavaScript of participant pages, as a browser gets it from the production build:
 * fetch the page's HTML, take every external script it loads (<script src>), fetch each and
 * gzip it (level 9, as a web server would serve it compressed); `nomodule` polyfills, which
 * browsers of this decade skip, are not counted. Inline scripts (the page's own
 * RSC payload and the CSP-nonced bootstrap) are not counted, as Next.js's "First Load JS" did
 * not count them. Used by the `pageweight` benchmark and by e2e/participant-page-weight.spec.ts.
 */
import { gzipSync } from "node:zlib";

/** Every participant route, as an anonymous visitor reaches it (pages that need a session redirect to /me). */
export const PARTICIPANT_ROUTES = [
  "/",
  "/connect",
  "/connect/choose",
  "/connect/choose?q=no-such-health-system",
  "/connect/problem?reason=declined",
  "/connect/done",
  "/me",
  "/me/withdraw",
  "/no-such-page",
] as const;

/** The most first-load JavaScript any participant page may load, gzipped (issue #13). */
export const PARTICIPANT_JS_LIMIT_KB_GZ = 110;

export type PageWeight = { path: string; scripts: string[]; kbGz: number };

/** External scripts a modern browser loads (`nomodule` ones are for browsers without modules). */
const scriptSources = (html: string) =>
  [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .map((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1]?.replace(/&amp;/g, "&"))
    .filter((src): src is string => Boolean(src));

export async function measurePageJs(baseUrl: string, path: string, headers: Record<string, string> = {}, cache = new Map<string, number>()): Promise<PageWeight> {
  const response = await fetch(new URL(path, baseUrl), { headers });
  const html = await response.text();
  const scripts = [...new Set(scriptSources(html))];
  let bytes = 0;
  for (const src of scripts) {
    const url = new URL(src, baseUrl).toString();
    if (!cache.has(url)) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      cache.set(url, gzipSync(body, { level: 9 }).length);
    }
    bytes += cache.get(url)!;
  }
  return { path, scripts, kbGz: Math.round(bytes / 100) / 10 };
}

/** Every participant route in English and Spanish; the heaviest decides `participantJsKbGz`. */
export async function measureParticipantPages(baseUrl: string): Promise<PageWeight[]> {
  const cache = new Map<string, number>();
  const weights: PageWeight[] = [];
  for (const language of ["en", "es"]) {
    for (const path of PARTICIPANT_ROUTES) weights.push(await measurePageJs(baseUrl, path, { "accept-language": language }, cache));
  }
  return weights;
}
