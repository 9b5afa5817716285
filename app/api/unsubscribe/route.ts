import { NextResponse, type NextRequest } from "next/server";
import { unsubscribe } from "@/lib/reminders/unsubscribe-request";
import { reminderLocale } from "@/lib/reminders/texts";

/**
 * The unsubscribe endpoint. POST from a mail app's one-click (RFC 8058, body
 * `List-Unsubscribe=One-Click`): a plain 200 or 400. POST from the unsubscribe page's form: back
 * to the page saying what happened. GET (a mail app that opens the link): the page, which asks
 * before changing anything. The signed link (`p`, `s`) is the only credential.
 */
const plain = (text: string, status: number) => new NextResponse(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export function GET(request: NextRequest) {
  const url = new URL("/unsubscribe", request.nextUrl);
  for (const name of ["p", "s", "lang"]) {
    const value = request.nextUrl.searchParams.get(name);
    if (value) url.searchParams.set(name, value);
  }
  return NextResponse.redirect(url, 303);
}

export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => new FormData());
  const field = (name: string) => request.nextUrl.searchParams.get(name) ?? (typeof form.get(name) === "string" ? (form.get(name) as string) : null);
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  const result = await unsubscribe(field("p"), field("s"));
  if (oneClick) return result.ok ? plain("Unsubscribed from reminder emails.", 200) : plain("This unsubscribe link is not valid.", 400);
  const page = new URL("/unsubscribe", request.nextUrl);
  page.searchParams.set(result.ok ? "done" : "error", result.ok ? "1" : "invalid");
  page.searchParams.set("lang", reminderLocale(field("lang")));
  return NextResponse.redirect(page, 303);
}
