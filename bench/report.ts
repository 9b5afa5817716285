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
