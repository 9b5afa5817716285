/**
 * Runs the Vitest tests the security findings name (reliability/security-findings.ts), one Vitest
 * process per project, and reads their outcomes back from Vitest's JSON report. The data-layer
 * projects need PostgreSQL at TEST_POSTGRES_URL, as `npm run test:unit` does.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { VitestCheck, VitestProject } from "./security-findings";

type Report = { testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[] };
export type VitestOutcomes = (check: VitestCheck, project: VitestProject) => "passed" | "failed" | "missing";

function runVitest(project: VitestProject, files: string[], outputFile: string): Promise<number> {
  rmSync(outputFile, { force: true });
  const child = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--project", project, "--reporter=json", `--outputFile=${outputFile}`, ...files], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NODE_ENV: "test" },
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((done) =>
    child.once("exit", (code) => {
      if (!existsSync(outputFile)) process.stdout.write(`  vitest (${project}) wrote no report: ${stderr.slice(-500)}\n`);
      done(code ?? 1);
    }),
  );
}

export async function runVitestChecks(checks: VitestCheck[], dir: string): Promise<VitestOutcomes> {
  mkdirSync(dir, { recursive: true });
  const results = new Map<string, string>();
  const projects = [...new Set(checks.flatMap((c) => c.projects))];
  for (const project of projects) {
    const files = [...new Set(checks.filter((c) => c.projects.includes(project)).map((c) => c.file))].filter((f) => existsSync(f));
    if (files.length === 0) continue;
    const outputFile = join(dir, `vitest-${project}.json`);
    await runVitest(project, files, outputFile);
    if (!existsSync(outputFile)) continue;
    const report = JSON.parse(readFileSync(outputFile, "utf8")) as Report;
    for (const file of report.testResults ?? []) {
      for (const test of file.assertionResults ?? []) results.set(`${project}|${resolve(file.name)}|${test.fullName}`, test.status);
    }
  }
  return (check, project) => {
    const status = results.get(`${project}|${resolve(check.file)}|${check.test}`);
    return status === "passed" ? "passed" : status === "failed" ? "failed" : "missing";
  };
}
