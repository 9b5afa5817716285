import { describe, expect, it } from "vitest";
import { RuntimeScriptFilter, stripRuntimeScripts } from "./runtime-script-filter";

// The shape of a page Next.js 16 (Turbopack) serves, shortened: its runtime, a page's own script,
// React's inline streaming script, and text that merely mentions scripts.
const page = [
  '<!DOCTYPE html><html lang="es"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="n" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" nonce="n" href="/_next/static/chunks/main.js"/>',
  '<script src="/_next/static/chunks/react-dom.js" async="" nonce="n"></script>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule="" nonce="n"></script>',
  "<title>Elija su sistema de salud</title></head><body>",
  '<form data-search-box=""><input name="q"/><script src="/participant/search-box.js" nonce="n" defer=""></script></form>',
  "<p>Use &lt;script&gt; tags? No.</p>",
  '<div hidden id="S:0"><p>Conectando…</p></div><script nonce="n">$RC("B:0","S:0")</script>',
  '<script nonce="n" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/main.js"]})</script>',
  '<script src="/_next/static/chunks/main.js" nonce="n" async=""></script>',
  '<script nonce="n">(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script nonce="n">self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[1,[],\\"\\u003c/script\\u003e\\"]"])</script>',
  "</body></html>",
].join("");

const expected = [
  '<!DOCTYPE html><html lang="es"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="n" data-precedence="next"/>',
  "<title>Elija su sistema de salud</title></head><body>",
  '<form data-search-box=""><input name="q"/><script src="/participant/search-box.js" nonce="n" defer=""></script></form>',
  "<p>Use &lt;script&gt; tags? No.</p>",
  '<div hidden id="S:0"><p>Conectando…</p></div><script nonce="n">$RC("B:0","S:0")</script>',
  "</body></html>",
].join("");

describe("stripRuntimeScripts", () => {
  it("removes the build's scripts, their preloads and the runtime's inline data; keeps the page, its styles and its own scripts", () => {
    expect(stripRuntimeScripts(page)).toBe(expected);
  });

  it("leaves a page without the runtime as it was", () => {
    expect(stripRuntimeScripts(expected)).toBe(expected);
  });
});

describe("RuntimeScriptFilter", () => {
  it("gives the same result however the stream is cut (every cut in two)", () => {
    for (let cut = 0; cut <= page.length; cut++) {
      const filter = new RuntimeScriptFilter();
      const out = filter.push(page.slice(0, cut)) + filter.push(page.slice(cut)) + filter.end();
      expect(out, `cut at ${cut}`).toBe(expected);
    }
  });

  it("gives the same result one character at a time", () => {
    const filter = new RuntimeScriptFilter();
    let out = "";
    for (const char of page) out += filter.push(char);
    expect(out + filter.end()).toBe(expected);
  });

  it("passes text through as soon as no tag is open (streaming is kept)", () => {
    const filter = new RuntimeScriptFilter();
    expect(filter.push("<main><p>Conectando con su sistema de salud…</p>")).toBe("<main><p>Conectando con su sistema de salud…</p>");
    expect(filter.push('<p>Listo</p><script nonce="n">self.__next_f.push([1,"')).toBe("<p>Listo</p>");
    expect(filter.push('x"])</script></main>')).toBe("</main>");
  });
});
