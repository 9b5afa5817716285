/**
 * Where to send a participant after they switch language: back to the page they were on (from
 * the Referer the browser sends on a same-origin form post), never to another site. Pure.
 */
export function backPath(referer: string | null, host: string | null): string {
  if (!referer || !host) return "/";
  try {
    const url = new URL(referer);
    if (url.host !== host || (url.protocol !== "http:" && url.protocol !== "https:")) return "/";
    const path = `${url.pathname}${url.search}`;
    // "//evil.example" would be read as another host by the browser.
    return path.startsWith("/") && !path.startsWith("//") ? path.slice(0, 2000) : "/";
  } catch {
    return "/";
  }
}
