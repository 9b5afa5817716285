import { NextResponse } from "next/server";
import { backPath } from "@/lib/i18n/back-path";
import { isLocale } from "@/lib/i18n/locales";
import { chooseParticipantLocale } from "@/lib/i18n/server";

/**
 * POST /language (the language switch on every participant page, a plain form): remembers the
 * choice and goes back to the page it was made on (303, so the browser follows with a GET).
 * proxy.ts has already refused a post from another site.
 */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const locale = form?.get("locale");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const response = new NextResponse(null, { status: 303, headers: { location: backPath(request.headers.get("referer"), host), "cache-control": "no-store" } });
  if (isLocale(locale)) {
    const cookie = await chooseParticipantLocale(locale);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
  }
  return response;
}
