/**
 * npm run bench [-- <name> …] — runs named benchmarks (bench/benchmarks/<name>.ts, each exporting
 * `run(): Promise<Record<string, number>>`), merges their figures into bench/results.json (a run
 * of one benchmark keeps the others' figures) and rewrites bench/RESULTS.md.
 */
import { execSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { renderResultsMarkdown, type BenchResults } from "./report";

const dir = join(process.cwd(), "bench");
const resultsFile = join(dir, "results.json");
const available = readdirSync(join(dir, "benchmarks"))
  .filter((f) => /^[a-z]+\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();

async function main() {
  const requested = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(", ")}. Available: ${available.join(", ")}.`);
    process.exit(1);
  }
  const names = requested.length > 0 ? requested : available;
  const previous: BenchResults = existsSync(resultsFile)
    ? JSON.parse(readFileSync(resultsFile, "utf8"))
    : { generatedAt: "", commit: "", benchmarks: {} };
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    commit: execSync("git rev-parse --short HEAD 2>/dev/null || echo unknown", { encoding: "utf8" }).trim(),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
    benchmarks: { ...previous.benchmarks },
  };
  for (const name of names) {
    console.log(`\n▶ ${name}`);
    const started = Date.now();
    const benchmark = (await import(`./benchmarks/${name}.ts`)) as { run: () => Promise<Record<string, number>> };
    const figures = await benchmark.run();
    results.benchmarks[name] = figures;
    console.log(`  ${JSON.stringify(figures)}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(dir, "RESULTS.md"), renderResultsMarkdown(results));
  console.log(`\nWrote bench/results.json and bench/RESULTS.md`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
