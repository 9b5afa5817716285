import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { guardedLookup, openStream } from "../ehr-http";
import { env } from "../env";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { checkEndpointUrl, resolvesToAllowedAddress } from "../ehr-http/url-policy";

/**
 * Where a bundle comes from: a file on this machine or an https URL (through the URL policy, no
 * redirects, checked again at connection time). Refuses, with a plain sentence, anything larger
 * than DIRECTORY_MAX_BUNDLE_MB before reading it when the size is known.
 */
export type BundleSource = { ok: true; location: string; defaultVendor: string; bytesTotal: number | null; body: AsyncIterable<Uint8Array> } | { ok: false; message: string };

export const maxBundleBytes = () => env().DIRECTORY_MAX_BUNDLE_MB * 1024 * 1024;
const tooLarge = (bytes: number) =>
  `The bundle is ${Math.ceil(bytes / 1024 / 1024)} MB; the largest the portal reads is ${env().DIRECTORY_MAX_BUNDLE_MB} MB (DIRECTORY_MAX_BUNDLE_MB).`;

export async function openBundle(fileOrUrl: string): Promise<BundleSource> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(fileOrUrl)) return openUrl(fileOrUrl);
  const size = await stat(fileOrUrl).then((s) => (s.isFile() ? s.size : null), () => null);
  if (size === null) return { ok: false, message: `There is no file at ${fileOrUrl}.` };
  if (size > maxBundleBytes()) return { ok: false, message: tooLarge(size) };
  const name = basename(fileOrUrl);
  return { ok: true, location: name, defaultVendor: name.replace(/\.[a-z0-9]+$/i, ""), bytesTotal: size, body: createReadStream(fileOrUrl, { highWaterMark: 256 * 1024 }) };
}

async function openUrl(raw: string): Promise<BundleSource> {
  const policy = ehrUrlPolicy();
  const checked = checkEndpointUrl(raw, policy, "the bundle's address");
  if (!checked.ok) return { ok: false, message: `The portal may not read that address: ${checked.error.kind === "url-policy" ? checked.error.problem : "it is not allowed"}.` };
  const url = checked.value;
  const resolved = await resolvesToAllowedAddress(url.hostname, policy, { timeoutMs: ehrTimeoutMs() });
  if (!resolved.ok) return { ok: false, message: `The portal may not read that address: ${resolved.error.kind === "url-policy" ? resolved.error.problem : "its name does not resolve"}.` };
  const opened = await openStream(url, { headTimeoutMs: ehrTimeoutMs(), idleTimeoutMs: 30_000, maxBytes: maxBundleBytes() }, { lookup: guardedLookup(policy) });
  const location = `${url.origin}${url.pathname}`;
  if (!opened.ok) {
    if (opened.kind === "too-large") return { ok: false, message: `The bundle at ${location} is larger than ${env().DIRECTORY_MAX_BUNDLE_MB} MB (DIRECTORY_MAX_BUNDLE_MB).` };
    if (opened.kind === "redirect") return { ok: false, message: `${location} answered with a redirect; give the address it redirects to.` };
    if (opened.kind === "status") return { ok: false, message: `${location} answered with error ${opened.status}.` };
    return { ok: false, message: `${location} did not answer (${opened.kind === "timeout" ? "timed out" : "no connection"}).` };
  }
  return { ok: true, location, defaultVendor: url.hostname, bytesTotal: opened.contentLength, body: opened.body };
}
