/**
 * A search page cut as it arrived: the text of each Bundle entry's `resource`, so a resource is
 * stored without being serialised again (JSON.stringify cost a first sync about 5 µs a resource, as
 * much as parsing the page), and how deep the page nests, so the page is walked once instead of
 * once for the depth check (./bounded-body.ts) and once more for the cuts. Only for text JSON.parse
 * has accepted: the cuts follow JSON's own rules as JSON.parse applies them (the last of two
 * members with the same name wins; a name is compared after its escapes are read), so each cut is
 * the text of exactly the value JSON.parse gave for it. Framework-free.
 */
import { closingQuote as closingQuoteOf, MAX_JSON_DEPTH } from "./bounded-body";

/**
 * Read once: the worker runs under tsx, which compiles each use of an imported function to a read
 * through the module's getter, and the walk calls this once per string of every page (about 2 µs
 * a resource of a first sync, 2% of the worker's CPU).
 */
const closingQuote = closingQuoteOf;

export type PageCut = {
  /**
   * When the page is an object whose `entry` is an array: the text of each element's `resource`
   * (null where the element is not an object or has none), in order. Otherwise null.
   */
  resources: (string | null)[] | null;
  /** The deepest nesting of objects and arrays anywhere in the page (the page's own object is 1). */
  depth: number;
};

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

type Span = { start: number; end: number };

/** One walk over one page's text; `deepest` grows as it goes. */
class PageWalk {
  deepest = 0;
  /** The last `resource` member of the entry being walked. */
  resource: Span | null = null;
  /** The page's entries' resource texts (the last `entry` member, when it is an array). */
  resources: (string | null)[] | null = null;

  constructor(private readonly text: string) {}

  skipSpace(at: number): number {
    while (isSpace(this.text.charCodeAt(at))) at++;
    return at;
  }

  /** Where the JSON value that starts at `at`, inside `depth` containers, ends (exclusive). */
  valueEnd(at: number, depth: number): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === 0x22 /* " */) return closingQuote(text, at) + 1;
    if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
      let level = depth;
      for (let i = at; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) i = closingQuote(text, i);
        else if (c === 0x7b || c === 0x5b) {
          if (++level > this.deepest) this.deepest = level;
        } else if ((c === 0x7d || c === 0x5d) && --level === depth) return i + 1;
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

  /**
   * Walks the members of the object that starts at `at` inside `depth` containers and answers
   * where it ends. The value of a member named `wanted` is taken by `take` (the page's `entry`, an
   * entry's `resource`), any other is skipped. A name is read with its escapes, as JSON.parse reads
   * it. No callback: V8 compiled a callback made per page or per entry again after every full
   * collection (docs/SYNC.md, "closures made per call").
   */
  walkObject(at: number, depth: number, wanted: "entry" | "resource"): number {
    const text = this.text;
    if (depth + 1 > this.deepest) this.deepest = depth + 1;
    let i = this.skipSpace(at + 1);
    if (text.charCodeAt(i) === 0x7d) return i + 1;
    for (;;) {
      const close = closingQuote(text, i);
      const raw = text.slice(i + 1, close);
      const name = raw.includes("\\") ? (JSON.parse(text.slice(i, close + 1)) as string) : raw;
      const start = this.skipSpace(this.skipSpace(close + 1) + 1); // past the ":"
      const end = name === wanted ? this.take(wanted, start) : this.valueEnd(start, depth + 1);
      i = this.skipSpace(end);
      if (text.charCodeAt(i) !== 0x2c /* , */) return i + 1;
      i = this.skipSpace(i + 1);
    }
  }

  /** The value of the page's `entry` or of an entry's `resource`, at `start`: kept, and where it ends. The last one wins, as in JSON.parse. */
  private take(wanted: "entry" | "resource", start: number): number {
    if (wanted === "resource") {
      this.resource = { start, end: this.valueEnd(start, 3) };
      return this.resource.end;
    }
    if (this.text.charCodeAt(start) !== 0x5b /* [ */) {
      this.resources = null;
      return this.valueEnd(start, 1);
    }
    const found = this.entries(start);
    this.resources = found.texts;
    return found.end;
  }

  /** One entry (the element at `at`, inside the page and its entry array): the span of its last `resource` member, and where it ends. */
  entryAt(at: number): { resource: Span | null; end: number } {
    if (this.text.charCodeAt(at) !== 0x7b) return { resource: null, end: this.valueEnd(at, 2) };
    this.resource = null;
    const end = this.walkObject(at, 2, "resource");
    return { resource: this.resource, end };
  }

  /** The entry array that starts at `at`: each element's resource text; answers them and where the array ends. */
  entries(at: number): { texts: (string | null)[]; end: number } {
    if (2 > this.deepest) this.deepest = 2;
    const texts: (string | null)[] = [];
    let i = this.skipSpace(at + 1);
    if (this.text.charCodeAt(i) === 0x5d /* ] */) return { texts, end: i + 1 };
    for (;;) {
      const entry = this.entryAt(i);
      texts.push(entry.resource ? this.text.slice(entry.resource.start, entry.resource.end) : null);
      i = this.skipSpace(entry.end);
      if (this.text.charCodeAt(i) !== 0x2c) return { texts, end: i + 1 };
      i = this.skipSpace(i + 1);
    }
  }
}

/**
 * cutPage, for a page that is refused whole when it nests deeper than MAX_JSON_DEPTH (null): the
 * depth check of a search page's text, done in the walk that cuts it. The caller refuses the page
 * as not valid JSON, as getJson does a text it checks itself.
 */
export function cutPageWithinDepth(text: string): PageCut | null {
  const cut = cutPage(text);
  return cut.depth > MAX_JSON_DEPTH ? null : cut;
}

/** For `text` that JSON.parse accepted: its entries' resource texts and its depth, in one pass. */
export function cutPage(text: string): PageCut {
  const walk = new PageWalk(text);
  const start = walk.skipSpace(0);
  if (text.charCodeAt(start) !== 0x7b) {
    walk.valueEnd(start, 0);
    return { resources: null, depth: walk.deepest };
  }
  walk.walkObject(start, 0, "entry");
  return { resources: walk.resources, depth: walk.deepest };
}
