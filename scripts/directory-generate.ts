/**
 * npm run directory:generate -- --brands N --out <file> [--seed S] [--sandbox-url URL] [--timestamp ISO]
 * Writes a deterministic synthetic User-access Brands bundle (sandbox/brands/synthetic.ts).
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { syntheticBundle } from "../sandbox/brands/synthetic";
import { fail, runMain } from "./lib/fail";

runMain(async () => {
  const { values } = parseArgs({
    options: { brands: { type: "string" }, out: { type: "string" }, seed: { type: "string", default: "1" }, "sandbox-url": { type: "string" }, timestamp: { type: "string" } },
  });
  const brands = Number(values.brands);
  const seed = Number(values.seed);
  if (!Number.isInteger(brands) || brands < 5 || brands > 1_000_000) fail("Usage: npm run directory:generate -- --brands N --out <file>   (N from 5 to 1,000,000)");
  if (!values.out) fail("Give the output file with --out <file>.");
  if (!Number.isInteger(seed)) fail("--seed must be a whole number.");
  const sandboxUrl = values["sandbox-url"] ?? process.env.SANDBOX_URL ?? "http://localhost:9000";
  if (!/^https?:\/\/[^/]+/.test(sandboxUrl)) fail("--sandbox-url must be an http(s) address, like http://localhost:9000.");
  const out = createWriteStream(values.out);
  let bytes = 0;
  for (const piece of syntheticBundle({ brands, seed, sandboxUrl, ...(values.timestamp && { timestamp: values.timestamp }) })) {
    bytes += Buffer.byteLength(piece);
    if (!out.write(piece)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  console.log(`Wrote ${brands.toLocaleString("en-US")} brands (${(bytes / 1048576).toFixed(1)} MB) to ${values.out}; the first five point at ${sandboxUrl}.`);
});
