import { describe, expect, it } from "vitest";
import { checkLogo, decodeDataUrl } from "./logo-check";

const png = (width: number, height: number) => {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "ascii");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
};
const svg = (body: string) => Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`);
const MAX = 256 * 1024;

describe("logo checks", () => {
  it("accepts PNG, JPEG, GIF, WebP and plain SVG by their bytes", () => {
    expect(checkLogo(png(1024, 1024), MAX)).toMatchObject({ ok: true, contentType: "image/png" });
    expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), MAX)).toMatchObject({ ok: true, contentType: "image/jpeg" });
    expect(checkLogo(Buffer.from("GIF89a\x10\x00\x10\x00", "latin1"), MAX)).toMatchObject({ ok: true, contentType: "image/gif" });
    expect(checkLogo(Buffer.from("RIFF\0\0\0\0WEBPVP8 ", "latin1"), MAX)).toMatchObject({ ok: true, contentType: "image/webp" });
    expect(checkLogo(svg('<rect width="10" height="10" fill="#123"/><use href="#a"/>'), MAX)).toMatchObject({ ok: true, contentType: "image/svg+xml" });
  });

  it.each([
    [svg("<script>alert(1)</script>"), "SVG logo contains a script"],
    [svg('<rect onload="alert(1)"/>'), "SVG logo contains an event handler"],
    [svg('<a href="javascript:alert(1)"><rect/></a>'), "SVG logo contains a javascript: link"],
    [svg("<foreignObject><iframe/></foreignObject>"), "SVG logo embeds a web page"],
    [Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'), "SVG logo declares XML entities"],
    [svg('<image href="https://tracker.example.org/p.png"/>'), "SVG logo refers to another address"],
    [svg('<rect style="fill:url(https://x.example.org/a)"/>'), "SVG logo refers to another address"],
    [Buffer.from("<!doctype html><html><body>Login</body></html>"), "logo is a web page, not an image"],
    [Buffer.from("just some text"), "logo is not an image"],
    [Buffer.alloc(0), "logo is empty"],
    [png(100_000, 100_000), "logo is 100000×100000 pixels; at most 4096 a side"],
    [Buffer.alloc(MAX + 1, 0xff), "logo is larger than 256 KB"],
  ])("refuses a hostile or broken logo (%#)", (bytes, reason) => {
    expect(checkLogo(bytes, MAX)).toEqual({ ok: false, reason });
  });

  it("decodes data: URLs, bounded, and leaves other addresses alone", () => {
    expect(decodeDataUrl(`data:image/svg+xml;base64,${Buffer.from("<svg/>").toString("base64")}`, MAX)).toEqual({ bytes: Buffer.from("<svg/>") });
    expect(decodeDataUrl("data:image/svg+xml,%3Csvg%2F%3E", MAX)).toEqual({ bytes: Buffer.from("<svg/>") });
    expect(decodeDataUrl(`data:image/png;base64,${"A".repeat(2_000_000)}`, MAX)).toEqual({ reason: "logo is larger than 256 KB" });
    expect(decodeDataUrl("https://example.org/logo.png", MAX)).toBeNull();
  });
});
