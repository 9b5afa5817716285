/**
 * Refuses, before any page or server action runs, a POST sent from another site (its Origin names
 * another host) or one too large to be a form. Next.js would refuse both too, but with a bare 500;
 * this answers 403 / 413 with a plain sentence. A POST without Origin (a script, curl) passes on:
 * browsers always send Origin cross-site, and the session cookies are SameSite=Lax.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

export type PostRefusal = { status: 403 | 413; message: string };

export function refusePost(request: { method: string; origin: string | null; host: string | null; contentLength: string | null }): PostRefusal | null {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return null;
  if (request.origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(request.origin).host;
    } catch {
      originHost = null; // "null" (a sandboxed page or a privacy-minded redirect) or junk
    }
    if (!originHost || originHost !== request.host) {
      return { status: 403, message: "This form was sent from another website, so it was refused. Please use the study's own pages." };
    }
  }
  const length = Number(request.contentLength ?? 0);
  if (Number.isFinite(length) && length > MAX_FORM_BYTES) {
    return { status: 413, message: "That was too much to send at once. Please go back and try again." };
  }
  return null;
}
