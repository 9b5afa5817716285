/** bench/RESULTS.md, rendered from bench/results.json. */
export type BenchResults = {
  generatedAt: string;
  commit: string;
  machine?: string;
  benchmarks: Record<string, Record<string, number>>;
};

const descriptions: Record<string, string> = {
  startup: "Time from process start to the first page served by `next start` (median of runs), and by `npm run start` (which also checks the configuration and applies migrations).",
  sandbox: "The sandbox EHR's own throughput from a second process: token endpoint (refresh grants) and Patient reads.",
  callback:
    "200 enrollments driven over HTTP against the sandbox; the callback's Server-Timing gives its total time and the time spent waiting on the EHR (token request + Patient read). Portal overhead = total − EHR wait. Target: overhead ≤ 30 ms at p50.",
  dashboard:
    "The participant table's data layer against seeded SQLite files of 1k, 10k and 100k participants: first page, a search for a name in either order (\"maria garcia\", \"Garcia, Maria\", through the SearchToken index), the four questions' tiles (p50/p95), and database queries per page (must not grow with page size or count). Then over HTTP against the built portal, a signed-in viewer's page for a participant whose record holds 2,000 resources (to the last byte). Targets: ratio100kTo1k ≤ 2, firstPageP50Ms_100k < 150 ms, searchP50Ms_100k < 50 ms, recordPageP50Ms < 150 ms. Figures move with the machine's load (two cores shared with other work).",
  sync: "One sync pass (refresh + Patient read per connection) over synthetic connections against the sandbox, SQLite with one worker and PostgreSQL with one and two; the ceiling is the sandbox alone answering the same requests from a plain load generator. Target: ratioToCeiling ≥ 0.7, peakRssMb < 300; 0.7 is out of reach while the sandbox, the worker and the database share these 2 cores (the CPU budget is in docs/SYNC.md). One run's figures: the pass and the ceiling each vary by about ±20% between runs (the ceiling 3,400–5,000/s).",
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
