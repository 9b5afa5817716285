/**
 * The one email layout: a subject, paragraphs and at most one button link become a plain-text
 * body and a simple, accessible HTML body (one column, real text, the language declared, the
 * link's address written out too, no images, no scripts). Pure: every email of the portal is
 * made here, and the tests read it directly.
 */
import { isLocale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";

export type EmailLink = { label: string; url: string };

export type EmailLayout = {
  /** "en" or "es": the HTML's `lang`. */
  lang: string;
  subject: string;
  paragraphs: readonly string[];
  /** The one thing to do, as a large button. */
  button?: EmailLink;
  /** Small print under a rule: who to contact, why they got this email. */
  footer?: readonly string[];
  /** A small link in the footer (e.g. "Stop these reminders"). */
  footerLink?: EmailLink;
  /** Words before the written-out address; by default the catalogue's, in `lang` (group "emailLayout"). */
  copyHint?: string;
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function checkedUrl(url: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`An email link must be an http(s) address: ${url.slice(0, 80)}`);
  return url;
}

export function renderEmail(layout: EmailLayout): { text: string; html: string } {
  const button = layout.button && { ...layout.button, url: checkedUrl(layout.button.url) };
  const footerLink = layout.footerLink && { ...layout.footerLink, url: checkedUrl(layout.footerLink.url) };
  const copyHint = layout.copyHint ?? translatorFor(isLocale(layout.lang) ? layout.lang : "en", "emailLayout")("copyHint");

  const text = [
    ...layout.paragraphs,
    ...(button ? [`${button.label}:\n${button.url}`] : []),
    ...(layout.footer?.length || footerLink ? ["--", ...(layout.footer ?? []), ...(footerLink ? [`${footerLink.label}: ${footerLink.url}`] : [])] : []),
  ].join("\n\n");

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="${escapeHtml(layout.lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(layout.subject)}</title></head>`,
    '<body style="margin:0;padding:24px 16px;background:#ffffff;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5">',
    '<div style="max-width:600px;margin:0 auto">',
    `<h1 style="font-size:24px;line-height:1.3;margin:0 0 16px">${escapeHtml(layout.subject)}</h1>`,
    ...layout.paragraphs.map(p),
    ...(button
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(button.url)}" style="display:inline-block;padding:14px 24px;background:#1d4ed8;color:#ffffff;border-radius:6px;font-weight:bold;text-decoration:none">${escapeHtml(button.label)}</a></p>`,
          `<p style="margin:0 0 16px;font-size:16px">${escapeHtml(copyHint)}<br><a href="${escapeHtml(button.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(button.url)}</a></p>`,
        ]
      : []),
    ...(layout.footer?.length || footerLink
      ? [
          '<hr style="border:none;border-top:1px solid #d1d5db;margin:24px 0">',
          ...(layout.footer ?? []).map((line) => `<p style="margin:0 0 8px;font-size:16px;color:#374151">${escapeHtml(line)}</p>`),
          ...(footerLink ? [`<p style="margin:0 0 8px;font-size:16px"><a href="${escapeHtml(footerLink.url)}" style="color:#1d4ed8">${escapeHtml(footerLink.label)}</a></p>`] : []),
        ]
      : []),
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");

  return { text, html };
}
