/**
 * Placeholders shown while a widget's data streams in. Each is a `status` region whose text
 * (visually hidden) says what is loading: `aria-label` on a plain div is not allowed (axe
 * `aria-prohibited-attr`), and a screen reader announces the status once.
 */
function Loading({ what, className, children }: { what: string; className: string; children?: React.ReactNode }) {
  return (
    <div role="status" aria-busy="true" className={className}>
      <span className="sr-only">{what}</span>
      {children}
    </div>
  );
}

export function TilesSkeleton() {
  return (
    <Loading what="Loading totals" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-200" />
      ))}
    </Loading>
  );
}

export function ChartSkeleton() {
  return <Loading what="Loading chart" className="h-52 animate-pulse rounded-lg bg-slate-200" />;
}

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Loading what="Loading participants" className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-8 animate-pulse rounded bg-slate-200" />
      ))}
    </Loading>
  );
}
