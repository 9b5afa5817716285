import { clip, record } from "./text";
import type { Patient } from "./types";

/** Options for {@link xhtmlToText} and {@link narrativeText}. */
export interface NarrativeTextOptions {
  /** Longest text returned, in UTF-16 units. Default 2,000. */
  maxLength?: number;
}

/** Longest XHTML input examined; the rest of a larger div is ignored. */
export const MAX_NARRATIVE_INPUT = 200_000;

const DEFAULT_MAX_LENGTH = 2_000;

/** Elements whose content is never text for people: dropped with everything inside. */
const DROPPED_ELEMENTS = new Set(["script", "style", "head", "title", "template", "iframe", "object", "noscript"]);

/** Elements that separate words: replaced by a space so "<p>a</p><p>b</p>" reads "a b". */
const BLOCK_ELEMENTS = new Set([
  "address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul",
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9:_.-]*)/y;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));/g;
// C0/C1 control characters other than tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Index just past the ">" that closes the tag starting at `from`, honouring quoted attributes; -1 if none. */
function endOfTag(s: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ">") {
      return i + 1;
    }
  }
  return -1;
}

/** Index just past the closing tag of `name` at or after `from`; the end of `s` if there is none. */
function endOfElement(s: string, name: string, from: number): number {
  const close = new RegExp(`</(?:[A-Za-z0-9_.-]+:)?${name}\\s*>`, "gi");
  close.lastIndex = from;
  const m = close.exec(s);
  return m === null ? s.length : m.index + m[0].length;
}

function stripTags(s: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf("<", i);
    if (lt === -1) {
      out.push(s.slice(i));
      break;
    }
    out.push(s.slice(i, lt));
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      i = end === -1 ? s.length : end + 3;
      continue;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      out.push(" ", s.slice(lt + 9, end === -1 ? s.length : end), " ");
      i = end === -1 ? s.length : end + 3;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(s);
    const bang = s[lt + 1] === "!" || s[lt + 1] === "?";
    if (tag === null && !bang) {
      out.push("<"); // a lone "<" is text
      i = lt + 1;
      continue;
    }
    const end = endOfTag(s, lt + 1);
    if (end === -1) {
      break; // unterminated tag: drop the rest
    }
    const closing = tag?.[1] === "/";
    const name = (tag?.[2] ?? "").toLowerCase().replace(/^.*:/, ""); // "xhtml:p" → "p"
    const selfClosing = s[end - 2] === "/";
    if (!closing && !selfClosing && DROPPED_ELEMENTS.has(name)) {
      i = endOfElement(s, name, end);
      out.push(" ");
      continue;
    }
    if (BLOCK_ELEMENTS.has(name)) {
      out.push(" ");
    }
    i = end;
  }
  return out.join("");
}

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named !== undefined) {
      const key = named.toLowerCase();
      return Object.hasOwn(NAMED_ENTITIES, key) ? (NAMED_ENTITIES[key] ?? whole) : whole;
    }
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : "\uFFFD";
  });
}

/**
 * Reduces narrative XHTML from a foreign server to plain text for display as text only:
 * drops comments and the content of script/style (and similar) elements, removes all other
 * tags (block tags become spaces), decodes the basic entities (`&lt;` `&gt;` `&amp;` `&quot;`
 * `&apos;` `&nbsp;` and numeric ones) exactly once, removes control characters,
 * collapses whitespace and bounds the length. Runs in linear time on at most 200 kB of input.
 *
 * The result may contain "<" (e.g. from `&lt;script&gt;`): it is text, and must be
 * rendered as text (React escapes it), never as HTML.
 */
export function xhtmlToText(xhtml: unknown, options: NarrativeTextOptions = {}): string {
  if (typeof xhtml !== "string") {
    return "";
  }
  const input = xhtml.length > MAX_NARRATIVE_INPUT ? xhtml.slice(0, MAX_NARRATIVE_INPUT) : xhtml;
  const plain = decodeEntities(stripTags(input)).replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  return clip(plain, options.maxLength ?? DEFAULT_MAX_LENGTH);
}

/**
 * The patient's narrative (`text.div`, same in DSTU2 and R4) as plain text; "" when absent.
 * The walkthrough's `<div xmlns="…"> <p>Daniel Adams</p> </div>` → "Daniel Adams".
 */
export function narrativeText(patient: Patient | null | undefined, options?: NarrativeTextOptions): string {
  return xhtmlToText(record(record(patient)?.text)?.div, options);
}
