import { describe, expect, it } from "vitest";
import { narrativeText, xhtmlToText } from "./narrative";
import { danielAdamsDstu2, hostilePatient, longString } from "./test-fixtures";
import type { Patient } from "./types";

describe("xhtmlToText", () => {
  const cases: [string, unknown, string][] = [
    ["walkthrough narrative", danielAdamsDstu2.text.div, "Daniel Adams"],
    ["inline tags join", "<div><b>Dan</b>iel</div>", "Daniel"],
    ["block tags separate", "<div><p>Daniel</p><p>Adams</p></div>", "Daniel Adams"],
    ["br separates", "a<br/>b<br>c", "a b c"],
    ["table cells separate", "<table><tr><td>Name</td><td>Daniel</td></tr></table>", "Name Daniel"],
    ["script content dropped", "<div>Hi<script>alert(1)</script> there</div>", "Hi there"],
    ["script with attributes and odd case", '<div>a<SCRIPT type="text/javascript">x()</SCRIPT >b</div>', "a b"],
    ["style content dropped", "<style>p { color: red }</style><p>Text</p>", "Text"],
    ["unterminated script drops the rest", "safe<script>alert(1)", "safe"],
    ["namespaced script dropped", "<x:script>evil()</x:script>ok", "ok"],
    ["comments dropped", "a<!-- <script>alert(1)</script> -->b", "ab"],
    ["unterminated comment", "a<!-- b", "a"],
    ["CDATA kept as text", "<div><![CDATA[x < y]]></div>", "x < y"],
    ["quoted > inside attribute", '<a title="a>b">link</a>', "link"],
    ["unterminated tag drops the rest", "text <a href='x", "text"],
    ["lone < is text", "1 < 2", "1 < 2"],
    ["entities decoded", "&lt;b&gt; &amp; &quot;q&quot; &apos;s&apos; &#39;n&#39; &#x41;", "<b> & \"q\" 's' 'n' A"],
    ["decoded once only", "&amp;lt;script&amp;gt;", "&lt;script&gt;"],
    ["encoded markup stays text", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"],
    ["nbsp is a space", "a&nbsp;&nbsp;b", "a b"],
    ["unknown entity kept", "&copy; &bogus;", "&copy; &bogus;"],
    ["invalid code points replaced", "&#0;&#xD800;&#x110000;", "\uFFFD\uFFFD\uFFFD"],
    ["control characters removed", "a\u0000b\u0007c", "a b c"],
    ["whitespace collapsed", "  a \n\t\r b  ", "a b"],
    ["unicode", "<p>Zoë 山田 😀</p>", "Zoë 山田 😀"],
    ["processing instruction dropped", '<?xml version="1.0"?><div>x</div>', "x"],
    ["empty", "", ""],
    ["not a string", 42, ""],
    ["undefined", undefined, ""],
  ];
  it.each(cases)("%s", (_label, xhtml, expected) => {
    expect(xhtmlToText(xhtml)).toBe(expected);
  });

  it("bounds the result (default 2,000, or maxLength)", () => {
    const div = `<p>${longString(100_000)}</p>`;
    expect(xhtmlToText(div).length).toBeLessThanOrEqual(2_000);
    expect(xhtmlToText(div, { maxLength: 50 })).toHaveLength(50);
  });

  it("stays fast on adversarial input", () => {
    const inputs = [
      "<script>".repeat(25_000),
      "<a title='".repeat(20_000),
      "<!--".repeat(50_000),
      "<".repeat(200_000),
      "<a ".repeat(60_000),
      "&#".repeat(100_000),
    ];
    const started = performance.now();
    for (const input of inputs) {
      xhtmlToText(input);
    }
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("narrativeText", () => {
  it.each<[string, unknown, string]>([
    ["walkthrough", danielAdamsDstu2, "Daniel Adams"],
    ["hostile", hostilePatient, "Hello world"],
    ["no text", {}, ""],
    ["text: a string", { text: "<p>hi</p>" }, ""],
    ["div: a number", { text: { div: 1 } }, ""],
  ])("%s", (_label, patient, expected) => {
    expect(narrativeText(patient as Patient)).toBe(expected);
  });
});
