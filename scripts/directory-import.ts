/**
 * npm run directory:import -- <file-or-https-url> [--vendor <name>] [--json] [--quiet]
 * Imports a SMART User-access Brands bundle into the provider directory and prints a summary.
 */
import { parseArgs } from "node:util";
import { CLI_OPERATOR } from "../lib/data/directory-actor";
import { importDirectory, type ImportSummary } from "../lib/directory/import";
import { loadEnv } from "./lib/env-files";
import { fail, runMain } from "./lib/fail";

runMain(async () => {
  loadEnv({ development: process.env.NODE_ENV !== "production" });
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { vendor: { type: "string" }, quiet: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
  const [fileOrUrl] = positionals;
  if (!fileOrUrl || positionals.length > 1) fail("Usage: npm run directory:import -- <file-or-https-url> [--vendor <name>]");
  let lastPrint = 0;
  const result = await importDirectory(CLI_OPERATOR, {
    fileOrUrl,
    ...(values.vendor && { vendor: values.vendor }),
    onProgress: (p) => {
      if (values.quiet || !process.stderr.isTTY || Date.now() - lastPrint < 500) return;
      lastPrint = Date.now();
      const share = p.bytesTotal ? ` (${Math.floor((100 * p.bytesRead) / p.bytesTotal)}%)` : "";
      process.stderr.write(`\r${p.phase}: ${p.entries.toLocaleString("en-US")} entries, ${(p.bytesRead / 1048576).toFixed(1)} MB${share}   `);
    },
  });
  if (process.stderr.isTTY && !values.quiet) process.stderr.write("\n");
  if (!result.ok) fail(`Could not import ${fileOrUrl}: ${result.message}`);
  // --json: the summary as one JSON line, with this process's peak resident memory (the benchmark reads it).
  if (values.json) console.log(JSON.stringify({ ...result.summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  else console.log(formatSummary(result.summary));
  process.exit(result.summary.status === "finished" ? 0 : 1);
});

function formatSummary(s: ImportSummary): string {
  const n = (v: number) => v.toLocaleString("en-US");
  const lines = [
    `${s.status === "finished" ? "Imported" : "Import failed:"} ${s.location} as vendor "${s.vendor}" in ${s.seconds} s. ${s.message}`,
    `  entries read:  ${n(s.entries)} (${(s.bytes / 1048576).toFixed(1)} MB)`,
    `  brands:        ${n(s.brands.added)} added, ${n(s.brands.updated)} updated, ${n(s.brands.unchanged)} unchanged, ${n(s.brands.inactivated)} marked inactive`,
    `  endpoints:     ${n(s.endpoints.added)} added, ${n(s.endpoints.updated)} updated, ${n(s.endpoints.unchanged)} unchanged, ${n(s.endpoints.inactivated)} marked inactive`,
    `  searchable:    ${n(s.searchable)} brands with an active endpoint`,
    `  logos:         ${n(s.logos.stored)} stored, ${n(s.logos.reused)} already stored, ${n(s.logos.refused)} refused`,
    `  skipped:       ${n(s.skipped)} entries`,
  ];
  for (const [reason, count] of Object.entries(s.skippedReasons).sort((a, b) => b[1] - a[1])) lines.push(`    ${n(count).padStart(8)}  ${reason}`);
  for (const [reason, count] of Object.entries(s.logos.reasons).sort((a, b) => b[1] - a[1])) lines.push(`    ${n(count).padStart(8)}  ${reason} (logo)`);
  return lines.join("\n");
}
