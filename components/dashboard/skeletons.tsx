/** Placeholders shown while a widget's data streams in (announced once as "Loading"). */
export function TilesSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading totals" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-200" />
      ))}
    </div>
  );
}

export function ChartSkeleton() {
  return <div aria-busy="true" aria-label="Loading chart" className="h-52 animate-pulse rounded-lg bg-slate-200" />;
}

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading participants" className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />
      ))}
    </div>
  );
}
