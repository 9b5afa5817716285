import { searchDirectory } from "@/lib/data/directory-search";

/**
 * Suggestions as a participant types on the choose page (public: the directory is what vendors
 * publish). The query is bounded; at most 8 brands, names and places only.
 */
export async function GET(request: Request): Promise<Response> {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const started = performance.now();
  const results = q.trim().length < 2 ? [] : await searchDirectory(q, { limit: 8 });
  const searchMs = performance.now() - started;
  return Response.json(
    { results: results.map((r) => ({ brandId: r.brandId, name: r.name, place: [r.city, r.state].filter(Boolean).join(", ") })) },
    // Server-Timing: the search's own time, apart from the request's (the benchmark reads it).
    { headers: { "cache-control": "private, max-age=60", "server-timing": `search;dur=${searchMs.toFixed(1)}` } },
  );
}
