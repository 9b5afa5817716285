/**
 * Reads a FHIR Bundle as it streams in, without holding it: a byte-level scanner that hands out
 * each `entry` element's JSON text (bounded in size) and the Bundle's `resourceType`, `type` and
 * `timestamp`, and says plainly when the bytes are not JSON, not an object, or end too early.
 * Memory stays at one entry (at most `maxEntryBytes`) whatever the file's size. Framework-free.
 */

export type ScanProblem = "not-json" | "not-an-object" | "truncated" | "too-deep";

export type ScanEvent =
  | { kind: "header"; field: string; value: string }
  | { kind: "entry"; text: string }
  | { kind: "bad-entry"; reason: "too-large" | "not-an-object" }
  | { kind: "error"; problem: ScanProblem };

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MAX_DEPTH = 128;
const HEADER_FIELDS = new Set(["resourceType", "type", "timestamp", "entry"]);
const decoder = new TextDecoder();

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class BundleScanner {
  private readonly stack: number[] = [];
  private inString = false;
  private escape = false;
  private started = false;
  private finished = false;
  private failed = false;
  private first = true;
  /** Top-level object: is the next string a key, and which key's value comes. */
  private expectKey = false;
  private key = "";
  /** Bytes of the top-level string being read (a key or a header value), bounded. */
  private small: number[] | null = null;
  private inEntries = false;
  /** Inside the entry array, between two commas: has a value started? */
  private valueStarted = false;
  private capture: Buffer[] | null = null;
  private captureBytes = 0;
  private captureTooLarge = false;

  constructor(private readonly maxEntryBytes = 1_048_576) {}

  /** Scans one chunk; returns what it completed. */
  push(chunk: Uint8Array): ScanEvent[] {
    const events: ScanEvent[] = [];
    if (this.failed) return events;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    if (this.first && buf.length > 0) {
      this.first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3; // UTF-8 BOM
    }
    let captureFrom = this.capture ? i : -1;
    for (; i < buf.length; i++) {
      const c = buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.small) this.endSmallString(events);
          continue;
        }
        if (this.small && this.small.length < 256) this.small.push(c);
        continue;
      }
      if (isSpace(c)) continue;
      if (this.finished) return this.fail(events, "not-json");
      if (!this.started) {
        if (c !== OPEN_OBJECT) return this.fail(events, c === OPEN_ARRAY ? "not-an-object" : "not-json");
        this.started = true;
        this.stack.push(c);
        this.expectKey = true;
        continue;
      }
      const depth = this.stack.length;
      if (this.inEntries && depth === 2 && !this.capture) {
        if (c === COMMA) {
          this.valueStarted = false;
          continue;
        }
        if (c === OPEN_OBJECT) {
          this.capture = [];
          this.captureBytes = 0;
          this.captureTooLarge = false;
          captureFrom = i;
        } else if (c !== CLOSE_ARRAY && !this.valueStarted) {
          this.valueStarted = true;
          events.push({ kind: "bad-entry", reason: "not-an-object" });
        }
      }
      if (c === QUOTE) {
        this.inString = true;
        if (depth === 1) this.small = [];
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 1 && this.key === "entry" && c === OPEN_ARRAY && !this.expectKey) {
          this.inEntries = true;
          this.valueStarted = false;
        }
        if (this.stack.length >= MAX_DEPTH) return this.fail(events, "too-deep");
        this.stack.push(c);
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        const open = this.stack.pop();
        if (open !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) return this.fail(events, "not-json");
        if (this.capture && this.stack.length === 2 && c === CLOSE_OBJECT) {
          this.appendCapture(buf.subarray(captureFrom, i + 1));
          captureFrom = -1;
          this.endEntry(events);
        } else if (this.inEntries && this.stack.length === 1) this.inEntries = false;
        else if (this.stack.length === 0) this.finished = true;
        continue;
      }
      if (depth === 1) {
        if (c === COMMA) this.expectKey = true;
        else if (c === COLON) this.expectKey = false;
      }
    }
    if (this.capture && captureFrom >= 0) this.appendCapture(buf.subarray(captureFrom));
    return events;
  }

  /** The stream ended: anything still open means the file was cut short. */
  end(): ScanEvent[] {
    if (this.failed) return [];
    if (!this.started) return [{ kind: "error", problem: "not-json" }];
    if (!this.finished || this.inString) return [{ kind: "error", problem: "truncated" }];
    return [];
  }

  private fail(events: ScanEvent[], problem: ScanProblem): ScanEvent[] {
    this.failed = true;
    this.capture = null;
    events.push({ kind: "error", problem });
    return events;
  }

  private endSmallString(events: ScanEvent[]) {
    const text = decoder.decode(Uint8Array.from(this.small!));
    this.small = null;
    if (this.expectKey) {
      this.key = text;
      return;
    }
    if (HEADER_FIELDS.has(this.key) && this.key !== "entry") events.push({ kind: "header", field: this.key, value: text.slice(0, 200) });
  }

  private appendCapture(part: Buffer) {
    if (this.captureTooLarge || part.length === 0) return;
    this.captureBytes += part.length;
    if (this.captureBytes > this.maxEntryBytes) {
      this.captureTooLarge = true;
      this.capture = [];
      return;
    }
    this.capture!.push(Buffer.from(part)); // a copy: the caller may reuse its chunk
  }

  private endEntry(events: ScanEvent[]) {
    const parts = this.capture!;
    this.capture = null;
    this.valueStarted = true;
    if (this.captureTooLarge) events.push({ kind: "bad-entry", reason: "too-large" });
    else events.push({ kind: "entry", text: decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts)) });
  }
}

/** Scans a byte stream, yielding each event as it completes (the caller's pace sets the reading). */
export async function* scanBundle(chunks: AsyncIterable<Uint8Array>, maxEntryBytes?: number): AsyncGenerator<ScanEvent> {
  const scanner = new BundleScanner(maxEntryBytes);
  for await (const chunk of chunks) {
    for (const event of scanner.push(chunk)) {
      yield event;
      if (event.kind === "error") return;
    }
  }
  yield* scanner.end();
}
