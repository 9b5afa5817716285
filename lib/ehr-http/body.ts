/** Shared by both transports: the early Content-Length check and turning body bytes into text. */
import { isUtf8 } from "node:buffer";

const decoder = new TextDecoder();

/** True when a Content-Length header announces more than `maxBytes`. */
export function declaresMoreThan(contentLength: string | null | undefined, maxBytes: number): boolean {
  return Number(contentLength ?? "") > maxBytes;
}

/** The body's chunks (`total` bytes in all) as text, whether they were well-formed UTF-8, and the bytes (images). */
export function bodyText(chunks: readonly Uint8Array[], total: number): { text: string; validUtf8: boolean; bytes: Uint8Array } {
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  return { text: decoder.decode(bytes), validUtf8: isUtf8(bytes), bytes };
}
