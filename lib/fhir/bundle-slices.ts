/**
 * The text of each Bundle entry's `resource`, cut from the page as it arrived, so a resource is
 * stored without being serialised again (JSON.stringify cost a first sync about 5 µs a resource, as
 * much as parsing the page). Only for text JSON.parse has accepted: the cuts follow JSON's own
 * rules as JSON.parse applies them (the last of two members with the same name wins; a name is
 * compared after its escapes are read), so each cut is the text of exactly the value JSON.parse
 * gave for it. Framework-free.
 */
import { closingQuote } from "./bounded-body";

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, at: number): number {
  while (isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** Where the JSON value that starts at `at` ends (exclusive). */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === 0x22 /* " */) return closingQuote(text, at) + 1;
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) i = closingQuote(text, i);
      else if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = at; // a number, true, false or null
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x2c /* , */ || c === 0x7d || c === 0x5d || isSpace(c)) break;
    i++;
  }
  return i;
}

type Span = { start: number; end: number };

/**
 * Walks the members of the object that starts at `at`, calling `member` with each name and where its
 * value starts; `member` answers where that value ends (or null: skip it here). Answers where the
 * object ends. A name is read with its escapes, as JSON.parse reads it.
 */
function walkObject(text: string, at: number, member: (name: string, start: number) => number | null): number {
  let i = skipSpace(text, at + 1);
  if (text.charCodeAt(i) === 0x7d) return i + 1;
  for (;;) {
    const close = closingQuote(text, i);
    const raw = text.slice(i + 1, close);
    const name = raw.includes("\\") ? (JSON.parse(text.slice(i, close + 1)) as string) : raw;
    const start = skipSpace(text, skipSpace(text, close + 1) + 1); // past the ":"
    const end = member(name, start) ?? valueEnd(text, start);
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x2c /* , */) return i + 1;
    i = skipSpace(text, i + 1);
  }
}

/** One entry (the element at `at`): the span of its last `resource` member, and where it ends. */
function entryAt(text: string, at: number): { resource: Span | null; end: number } {
  if (text.charCodeAt(at) !== 0x7b) return { resource: null, end: valueEnd(text, at) };
  let resource: Span | null = null;
  const end = walkObject(text, at, (name, start) => {
    if (name !== "resource") return null;
    resource = { start, end: valueEnd(text, start) };
    return resource.end;
  });
  return { resource, end };
}

/**
 * For `text` that JSON.parse accepted: when it is an object whose `entry` is an array, the text of
 * each element's `resource` (null where the element is not an object or has none), in order;
 * otherwise null. One pass: each resource's text is scanned once.
 */
export function entryResourceTexts(text: string): (string | null)[] | null {
  const start = skipSpace(text, 0);
  if (text.charCodeAt(start) !== 0x7b) return null;
  let texts: (string | null)[] | null = null;
  walkObject(text, start, (name, at) => {
    if (name !== "entry") return null;
    if (text.charCodeAt(at) !== 0x5b /* [ */) {
      texts = null; // the last "entry" is the one JSON.parse keeps
      return null;
    }
    const found: (string | null)[] = [];
    let i = skipSpace(text, at + 1);
    if (text.charCodeAt(i) === 0x5d /* ] */) i++;
    else
      for (;;) {
        const entry = entryAt(text, i);
        found.push(entry.resource ? text.slice(entry.resource.start, entry.resource.end) : null);
        i = skipSpace(text, entry.end);
        if (text.charCodeAt(i) !== 0x2c) {
          i++;
          break;
        }
        i = skipSpace(text, i + 1);
      }
    texts = found;
    return i;
  });
  return texts;
}
