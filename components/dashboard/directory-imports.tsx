import type { ImportView } from "@/lib/data/directory-staff";
import { formatDay } from "@/lib/enrollment/status-words";

const number = (n: number) => n.toLocaleString("en-US");

/** An import's progress while it runs (bytes, entries, phase), or its summary once done. */
export function ImportStatus({ run }: { run: ImportView }) {
  const share = run.bytesTotal ? Math.min(100, Math.floor((100 * run.bytesRead) / run.bytesTotal)) : null;
  if (run.status === "running") {
    return (
      <div className="space-y-1">
        <p>
          Running ({run.phase ?? "reading"}): {number(run.entries)} entries, {(run.bytesRead / 1048576).toFixed(1)} MB{share !== null && ` of ${(run.bytesTotal! / 1048576).toFixed(1)} MB`}
        </p>
        {share !== null && <progress max={100} value={share} aria-label={`Import of ${run.source}`} className="w-full" />}
      </div>
    );
  }
  const s = run.summary as { brands?: Record<string, number>; endpoints?: Record<string, number>; skipped?: number; searchable?: number; skippedReasons?: Record<string, number>; logos?: { stored: number; refused: number } } | null;
  return (
    <div className="space-y-1">
      <p>
        {run.status === "finished" ? "Finished" : run.status === "interrupted" ? "Interrupted (the process stopped)" : "Failed"} {formatDay(run.finishedAt ?? run.startedAt)}: {run.phase}
      </p>
      {s?.brands && s.endpoints && (
        <p>
          Brands {number(s.brands.added ?? 0)} added, {number(s.brands.updated ?? 0)} updated, {number(s.brands.inactivated ?? 0)} marked inactive; endpoints {number(s.endpoints.added ?? 0)} added,{" "}
          {number(s.endpoints.updated ?? 0)} updated, {number(s.endpoints.inactivated ?? 0)} marked inactive; {number(s.skipped ?? 0)} entries skipped; logos {number(s.logos?.stored ?? 0)} stored,{" "}
          {number(s.logos?.refused ?? 0)} refused.
        </p>
      )}
      {s?.skippedReasons && Object.keys(s.skippedReasons).length > 0 && (
        <ul className="list-disc pl-6">
          {Object.entries(s.skippedReasons).map(([reason, count]) => (
            <li key={reason}>
              {number(count)} {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
