import Link from "next/link";

export default function DashboardNotFound() {
  return (
    <section className="space-y-4" aria-labelledby="dashboard-nf-title">
      <h1 id="dashboard-nf-title" className="text-3xl font-bold">Not found</h1>
      <p className="text-lg">There is no such participant or page, or your role does not open it.</p>
      <Link href="/dashboard" className="text-blue-800 underline underline-offset-4">Back to participants</Link>
    </section>
  );
}
