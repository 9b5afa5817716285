/**
 * Removes the Next.js client runtime from a participant page's HTML as it streams. Participant
 * pages are server components and plain forms (server actions post without JavaScript), so the
 * ~130 kB gzipped of React and the App Router runtime that Next.js adds to every page does
 * nothing there but cost a phone's time and data (issue #13). Next.js has no per-route switch
 * for it, so the portal's own server (scripts/portal-server.ts) filters the HTML:
 * - external scripts of the build (`<script src="/_next/…">`, its `<link rel=preload as=script>`),
 * - the runtime's inline bootstrap (`TURBOPACK` chunk list) and its copy of the page for the
 *   client router (`self.__next_f.push(…)`), which nothing reads once the runtime is gone.
 * Kept: every other script, among them React's own inline streaming scripts (which fill in a
 * Suspense boundary when its part of the page arrives) and a page's own small scripts (the choose
 * page's search box). Framework-free and pure; chunks may split a tag anywhere.
 */
const BUILD_SCRIPT = /<script\b[^>]*\bsrc="\/_next\/[^"]*"[^>]*><\/script>/g;
const BUILD_PRELOAD = /<link\b(?=[^>]*\bhref="\/_next\/[^"]*")(?=[^>]*\b(?:as="script"|rel="modulepreload"))[^>]*>/g;
const RUNTIME_INLINE = /<script\b[^>]*>\s*(?:\(globalThis\["TURBOPACK"\]|\(self\.__next_f\s*=|self\.__next_f\.push)[\s\S]*?<\/script>/g;

export function stripRuntimeScripts(html: string): string {
  return html.replace(BUILD_SCRIPT, "").replace(BUILD_PRELOAD, "").replace(RUNTIME_INLINE, "");
}

/** Where a chunk can safely be cut: before an unfinished tag or an unclosed <script> element. */
function safeEnd(text: string): number {
  const opens = [...text.matchAll(/<script\b/g)];
  const lastOpen = opens.length > 0 ? opens[opens.length - 1]!.index : -1;
  if (lastOpen >= 0 && text.indexOf("</script>", lastOpen) < 0) return lastOpen;
  const lastLt = text.lastIndexOf("<");
  if (lastLt >= 0 && text.indexOf(">", lastLt) < 0) return lastLt;
  return text.length;
}

/** The streaming form: push() each decoded chunk, write what it returns; end() returns the rest. */
export class RuntimeScriptFilter {
  private held = "";

  push(chunk: string): string {
    const text = this.held + chunk;
    const end = safeEnd(text);
    this.held = text.slice(end);
    return stripRuntimeScripts(text.slice(0, end));
  }

  end(): string {
    const rest = stripRuntimeScripts(this.held);
    this.held = "";
    return rest;
  }
}
