/** bench/RESULTS.md, rendered from bench/results.json. */
export type BenchResults = {
  generatedAt: string;
  commit: string;
  machine?: string;
  benchmarks: Record<string, Record<string, number>>;
};

const descriptions: Record<string, string> = {
  startup: "Time from process start to the first page served by `next start` (median of runs), and by `npm run start` (which also checks the configuration and applies migrations).",
  sandbox:
    "The sandbox EHR's own throughput from a second process at concurrency 32: token endpoint (refresh grants), Patient reads, whole-record pulls over smart-v2 (1,000 patients of 200 resources, each record built on its first request, pages of 50: resources and pages per second), and a pass with nothing changed over the same patients (_lastUpdated=gt searches, full re-pull of Coverage and DocumentReference).",
  callback:
    "200 enrollments driven over HTTP against the sandbox; the callback's Server-Timing gives its total time and the time spent waiting on the EHR (token request + Patient read). Portal overhead = total − EHR wait. Target: overhead ≤ 30 ms at p50. connectingPage*: after Approve, from the client sending the EHR's redirect to the callback to receiving the bytes of the \"Connecting to <health system>…\" page (target ≤ 300 ms at p50).",
  dashboard:
    "The participant table's data layer against seeded SQLite files of 1k, 10k and 100k participants: first page, a search for a name in either order (\"maria garcia\", \"Garcia, Maria\", through the SearchToken index), the four questions' tiles (p50/p95), and database queries per page (must not grow with page size or count). Then over HTTP against the built portal, a signed-in viewer's page for a participant whose record holds 2,000 resources (to the last byte). Targets: ratio100kTo1k ≤ 2, firstPageP50Ms_100k < 150 ms, searchP50Ms_100k < 50 ms, recordPageP50Ms < 150 ms. Figures move with the machine's load (two cores shared with other work).",
  flood:
    "A staff sign-in flood (50 clients posting sign-ins for unknown emails, each with a forged X-Forwarded-For, as in issue #16 finding 1) against a participant page (GET /connect, p50/p95 alone and during the flood), with how many attempts were made and how many reached the Argon2 password check. The plainFlood figures time the page under an equal flood of requests that sign nobody in (GET /api/staff-auth/csrf): the HTTP load alone, with the load generator on the same cores. Before the fix (commit 1e54bc9, this machine) the limit trusted X-Forwarded-For and every attempt was checked: 3,916 of 3,916 attempts reached Argon2, and the page took p50 4,870 ms / p95 9,725 ms during the flood (21.8 ms idle).",
  export:
    "A FHIR Bulk Data export of 1,000 participants × 200 stored resources (two thirds R4, one third DSTU2; 137 MB of JSON) on SQLite, by the portal's export runner in a child process (peak RSS its own). Against the same resources streamed from the database with no formatting: `stream` reads them the export's way (connection by connection along the store's index) and writes them as stored — the issue's ratio, ratioToStream = stream seconds ÷ export seconds; `scan` reads them by a plain table scan, the database's own ceiling. MB/s are of the bytes each writes (the export adds two meta.tag codings per resource, 174 MB). Medians of five alternating runs on a shared machine; the *Cpu ratios use CPU time, which the machine's load disturbs less. Targets: exportPeakRssMb < 300, ratioToStream ≥ 0.5.",
  directory:
    "The provider directory: `npm run directory:import` of a generated 50,000-brand bundle (~67 MB) into a fresh SQLite file (wall time; the import process's peak RSS, target < 300 MB), and GET /api/directory/suggest over HTTP against `next start`, one request at a time, a fixed mix of names, misspellings, cities and ZIP codes, at 1,000 and 50,000 brands (target p95 < 50 ms; searchRatio50kTo1k = p50 ratio, target ≤ 2; searchServer* is the search's own time from Server-Timing). loadAverage1m is the machine's load when the search was measured (2 cores shared with other work inflates p95).",
  pageweight:
    "First-load JavaScript of every participant page (landing, consent, choose with and without a search, problem, done, My connection, withdraw, not found; each in English and Spanish), gzipped at level 9, from the production build behind `npm run start`: every external script a module-capable browser loads (bench/support/page-weight.ts). participantJsKbGz is the heaviest page; limit 110 kB (e2e/participant-page-weight.spec.ts fails above it). Before (main at 1eb5071, same method): 139.6 kB in 9 scripts on every page, 141.1 kB on /connect/choose (React, the Next.js App Router runtime, next/link, the search box's React component). After: the portal's server sends participant pages without the Next.js client runtime (lib/web/runtime-script-filter.ts); what is left is the choose page's framework-free search-box script.",
  sync: "One sync pass over synthetic connections against the sandbox. latencyBoundRatio (the target, ≥ 0.9): a Patient-only pass on SQLite with every sandbox response 50 ms late and 32 requests in flight, as a share of 32 ÷ (requests per connection × 50 ms) connections/s (bench/benchmarks/sync-latency.ts); latencyLoadAverage1m is the machine's load then. For information only (the target is retired: it measured how the sandbox, the worker and the database share these 2 cores, docs/SYNC.md): SQLite with one worker and PostgreSQL with one and two, each syncing every connection's whole record (the synthetic patients' ~60 resources, ~23 requests a connection since the whole-record sync landed; figures from before it were Patient-only passes and are not comparable), against a ceiling of refresh + Patient read from a plain load generator (ratioToCeiling), and peakRssMb (< 300). The ceiling varies by about ±20% between runs (3,400–5,000/s on the machine of most of November 2026; 11,600–13,900/s on the faster one of 2026-11-30, session 9; about 4,700/s on session 10's; about 1,700/s on session 11's, where latencyBoundRatio is 0.70–0.74 for this code and the code before alike).",
  record:
    "The whole record's sync (issue #12) through runSyncPass in a child process, smart-v2 (R4), SQLite. firstSync*: one connection of 2,000 resources, every sandbox response 100 ms late, pages of 50, 8 in flight; the pass's time (worker warm: database open) ÷ the lower bound 100 ms × max(longest chain of pages, ⌈pages ÷ 8⌉) over the record's searches (bench/benchmarks/record-bound.ts; target firstSyncRatioToBound ≤ 1.3). A first pass over 1,000 connections × 200 resources: worker CPU per stored resource ÷ CPU per resource of a plain generator making the worker's requests (refresh, Patient read, every search, referenced resources by _id search; JSON parsed only): cpuRatio (≤ 3; the median of three first passes, each on a fresh sandbox and database, cpuRatioLowest and cpuRatioHighest the other two; both sides warm: the pass process first syncs warmUpConnections other connections and the plain generator pulls as many other patients, untimed; firstPassRequestsPerConnection and plainRequestsPerConnection: the requests each side made a connection), peakRssMb (< 300, the largest of the three); a second pass with nothing changed: noChangeWrites (resources created, changed or removed; target 0), requestsPerConnectionNoChange. rateLimit*: 20 requests/s on the health system and a backlog: the most requests the sandbox saw in one second (rateLimitHeld ≤ 20) and the mean over 15 s ÷ 20 (rateLimitUse ≥ 0.9). *LoadAverage1m: the machine's load at each part (2 shared cores).",
};

const format = (value: number) => (Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2));

export function renderResultsMarkdown(results: BenchResults): string {
  const lines = [
    "# Benchmark results",
    "",
    `Generated ${results.generatedAt} at commit \`${results.commit}\`${results.machine ? ` on ${results.machine}` : ""}.`,
    "Run `npm run bench` (all) or `npm run bench -- <name>` (one); figures are medians unless named otherwise (p95, ratio, count).",
    "",
  ];
  for (const [name, figures] of Object.entries(results.benchmarks).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${name}`, "");
    if (descriptions[name]) lines.push(descriptions[name], "");
    lines.push("| figure | value |", "| --- | ---: |");
    for (const [figure, value] of Object.entries(figures)) lines.push(`| ${figure} | ${format(value)} |`);
    lines.push("");
  }
  return lines.join("\n");
}
