/**
 * Is this a logo the portal may serve? Sniffs the bytes (never trusts a Content-Type): PNG, JPEG,
 * GIF, WebP, or SVG without scripts, event handlers, external references or XML entities.
 * Bounded size, and PNG/GIF dimensions at most 4096 pixels a side. Framework-free.
 */
export type LogoCheck = { ok: true; contentType: string; bytes: Uint8Array } | { ok: false; reason: string };

const MAX_SIDE = 4096;
const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

const SVG_REFUSALS: [RegExp, string][] = [
  [/<\s*script/i, "SVG logo contains a script"],
  [/\son[a-z]+\s*=/i, "SVG logo contains an event handler"],
  [/javascript\s*:/i, "SVG logo contains a javascript: link"],
  [/<\s*foreignObject/i, "SVG logo embeds a web page"],
  [/<!\s*(ENTITY|DOCTYPE)/i, "SVG logo declares XML entities"],
  [/<\s*(iframe|embed|object|audio|video|animate|set)\b/i, "SVG logo contains active content"],
  [/(?:xlink:)?href\s*=\s*["']\s*(?!#|data:image\/(?:png|jpe?g|gif|webp);)/i, "SVG logo refers to another address"],
  [/url\(\s*["']?\s*(?!#)/i, "SVG logo refers to another address"],
  [/@import/i, "SVG logo imports a style sheet"],
];

export function checkLogo(bytes: Uint8Array, maxBytes: number): LogoCheck {
  if (bytes.byteLength === 0) return { ok: false, reason: "logo is empty" };
  if (bytes.byteLength > maxBytes) return { ok: false, reason: `logo is larger than ${Math.round(maxBytes / 1024)} KB` };
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    if (bytes.byteLength < 24 || ascii(bytes, 12, 16) !== "IHDR") return { ok: false, reason: "logo is a broken PNG" };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return sized(bytes, "image/png", view.getUint32(16), view.getUint32(20));
  }
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { ok: true, contentType: "image/jpeg", bytes };
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") {
    if (bytes.byteLength < 10) return { ok: false, reason: "logo is a broken GIF" };
    return sized(bytes, "image/gif", bytes[6]! | (bytes[7]! << 8), bytes[8]! | (bytes[9]! << 8));
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return { ok: true, contentType: "image/webp", bytes };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.byteLength, maxBytes)));
  if (/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i.test(text)) {
    for (const [pattern, reason] of SVG_REFUSALS) if (pattern.test(text)) return { ok: false, reason };
    return { ok: true, contentType: "image/svg+xml", bytes };
  }
  if (/^\s*</.test(text)) return { ok: false, reason: "logo is a web page, not an image" };
  return { ok: false, reason: "logo is not an image" };
}

function sized(bytes: Uint8Array, contentType: string, width: number, height: number): LogoCheck {
  if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return { ok: false, reason: `logo is ${width}×${height} pixels; at most ${MAX_SIDE} a side` };
  return { ok: true, contentType, bytes };
}

/** Decodes a data: URL (base64 or percent-encoded), bounded; null when it is not one. */
export function decodeDataUrl(url: string, maxBytes: number): { bytes: Uint8Array } | { reason: string } | null {
  const match = /^data:([^,]{0,200}),/i.exec(url);
  if (!match) return null;
  const payload = url.slice(match[0].length);
  const base64 = /;base64$/i.test(match[1]!);
  if ((base64 ? (payload.length * 3) / 4 : payload.length / 3) > maxBytes) return { reason: `logo is larger than ${Math.round(maxBytes / 1024)} KB` };
  try {
    return { bytes: base64 ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload), "utf8") };
  } catch {
    return { reason: "logo data: URL is malformed" };
  }
}
