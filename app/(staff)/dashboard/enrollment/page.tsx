import type { Metadata } from "next";
import { Suspense } from "react";
import { EnrollmentChart } from "@/components/dashboard/enrollment-chart";
import { FunnelChart } from "@/components/dashboard/funnel-chart";
import { FunnelTables } from "@/components/dashboard/funnel-tables";
import { ChartSkeleton } from "@/components/dashboard/skeletons";
import { getEnrollmentFunnel } from "@/lib/data/enrollment-funnel";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Enrollment" };

const PERIODS = [7, 30, 90] as const;

/** The enrollment funnel: attempts started and how they ended, per day, per health system and by failure reason. */
export default async function EnrollmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("viewer");
  const asked = Number((await searchParams).days);
  const days = PERIODS.find((p) => p === asked) ?? 30;
  const funnel = await getEnrollmentFunnel(staff, { days });
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Enrollment</h1>
      <nav aria-label="Period" className="flex flex-wrap gap-3">
        {PERIODS.map((p) => (
          <a key={p} href={`/dashboard/enrollment?days=${p}`} aria-current={p === days ? "page" : undefined} className="text-blue-800 underline underline-offset-4 aria-[current=page]:font-bold aria-[current=page]:no-underline">
            Last {p} days
          </a>
        ))}
      </nav>
      <p>
        Every &ldquo;Connect to …&rdquo; a participant pressed is an attempt. It ends connected, with the participant not approving at their
        health system, with a failure (the reason is the page they were shown), or never comes back once its 15 minutes pass.
      </p>
      <FunnelChart funnel={funnel} />
      <FunnelTables funnel={funnel} />
      <Suspense fallback={<ChartSkeleton />}>
        <EnrollmentChart staff={staff} />
      </Suspense>
    </article>
  );
}
