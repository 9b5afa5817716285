/**
 * The page the EHR's redirect lands on first (pure): "Connecting to <health system>…", answered at
 * once, before the token exchange that can take seconds. It moves on by itself to the same callback
 * URL with `continue=1` (a meta refresh: no script, so it works with JavaScript off and under the
 * CSP), and shows a "Continue" link should the browser not follow refreshes. The code, state and
 * `iss` go on unchanged: the real checks (attempt, state, PKCE, iss, single use) run on that second
 * request, which the browser sends same-site with this browser's cookies.
 */
export const CONTINUE_PARAM = "continue";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The callback URL with `continue=1` added, relative to the portal (path and query only). */
export function continueHref(callback: URL): string {
  const next = new URL(callback.href);
  next.searchParams.set(CONTINUE_PARAM, "1");
  return `${next.pathname}${next.search}`;
}

/** The page's words in the participant's language (messages/*.ts, group `connecting`). */
export type ConnectingWords = { lang: string; title: string; wait: string; stuck: string; continue: string };

export function connectingPage(words: ConnectingWords, href: string): string {
  const title = escape(words.title);
  const url = escape(href);
  return `<!doctype html>
<html lang="${escape(words.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0;url=${url}">
<title>${title}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:40rem;margin:0 auto;padding:3rem 1.25rem}
h1{font-size:1.875rem;line-height:1.25;margin:0 0 1rem}
p{font-size:1.125rem;line-height:1.6}
a{display:inline-block;min-height:44px;padding:.75rem 1.5rem;border-radius:.5rem;background:#1e3a8a;color:#fff;font-size:1.125rem;font-weight:600;text-decoration:none}
a:focus{outline:3px solid #f59e0b;outline-offset:2px}
</style>
</head>
<body>
<main>
<div role="status">
<h1>${title}</h1>
<p>${escape(words.wait)}</p>
</div>
<p>${escape(words.stuck)}</p>
<a href="${url}">${escape(words.continue)}</a>
</main>
</body>
</html>
`;
}

/** Where a "Connecting…" page continues to (path and query), for clients that do not follow meta refreshes. */
export function connectingTarget(html: string): string | null {
  const found = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(html)?.[1];
  return found ? found.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">") : null;
}
