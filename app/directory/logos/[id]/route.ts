import { getLogo } from "@/lib/data/directory-logos";

/**
 * A brand's logo, served by the portal (fetched and checked at import, never hot-linked). The id
 * is the content's hash, so it never changes: cached for a year. SVG gets a policy that lets
 * nothing run even when opened on its own.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const logo = await getLogo((await params).id);
  if (!logo) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      "content-type": logo.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
