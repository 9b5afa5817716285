import type { Metadata } from "next";
import { Suspense } from "react";
import { ExportButtons } from "@/components/dashboard/export-buttons";
import { FunnelSummary } from "@/components/dashboard/funnel-summary";
import { FailedEmailsLine } from "@/components/dashboard/participant-emails";
import { ParticipantFilters } from "@/components/dashboard/participant-filters";
import { ParticipantTable } from "@/components/dashboard/participant-table";
import { TableSkeleton, TilesSkeleton } from "@/components/dashboard/skeletons";
import { SyncProgressLine } from "@/components/dashboard/sync-progress";
import { Tiles } from "@/components/dashboard/tiles";
import { parseParticipantQuery, participantQueryString } from "@/lib/dashboard/query";
import { listHealthSystemNames } from "@/lib/data/dashboard-participants";
import { roleAtLeast } from "@/lib/staff/roles";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Participants" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const staff = await requireStaff("viewer");
  const query = parseParticipantQuery(await searchParams);
  const healthSystems = await listHealthSystemNames(staff);
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Participants</h1>
      <Suspense fallback={<TilesSkeleton />}>
        <Tiles staff={staff} />
      </Suspense>
      <div className="space-y-1">
        <Suspense fallback={<p className="text-slate-700">Loading sync progress…</p>}>
          <SyncProgressLine staff={staff} />
        </Suspense>
        <Suspense fallback={<p className="text-slate-700">Loading enrollment…</p>}>
          <FunnelSummary staff={staff} />
        </Suspense>
        <Suspense fallback={null}>
          <FailedEmailsLine staff={staff} />
        </Suspense>
      </div>
      <ParticipantFilters query={query} healthSystems={healthSystems} />
      {roleAtLeast(staff.role, "coordinator") && <ExportButtons query={query} />}
      <Suspense key={participantQueryString(query)} fallback={<TableSkeleton />}>
        <ParticipantTable staff={staff} query={query} />
      </Suspense>
    </article>
  );
}
