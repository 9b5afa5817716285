import type { Metadata } from "next";
import Link from "next/link";
import { DirectoryImportForm } from "@/components/dashboard/directory-import-form";
import { AddHealthSystemForm } from "@/components/dashboard/add-health-system-form";
import { formatDay } from "@/lib/enrollment/status-words";
import { listHealthSystemsForAdmin } from "@/lib/data/dashboard-health-systems";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Health systems" };

/** Health systems (admins): status and registration details, never the client secret. */
export default async function HealthSystemsPage() {
  const staff = await requireStaff("admin");
  const healthSystems = await listHealthSystemsForAdmin(staff);
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Health systems</h1>
      <section aria-labelledby="add-hs" className="space-y-2">
        <h2 id="add-hs" className="text-2xl font-bold">Add a health system</h2>
        <AddHealthSystemForm />
      </section>
      <section aria-labelledby="import-dir" className="space-y-2">
        <h2 id="import-dir" className="text-2xl font-bold">Import a provider directory</h2>
        <p>Thousands of health systems at once, from a vendor&apos;s User-access Brands bundle; each is registered when a participant first chooses it. Progress and results: <Link href="/dashboard/directory" className="text-blue-800 underline">Directory</Link>.</p>
        <DirectoryImportForm />
      </section>
      <section aria-labelledby="hs-list" className="space-y-4">
        <h2 id="hs-list" className="text-2xl font-bold">{healthSystems.length} health systems</h2>
        {healthSystems.map((hs) => (
          <section key={hs.id} aria-labelledby={`hs-${hs.id}`} className="rounded-lg border border-slate-300 bg-white p-4">
            <h3 id={`hs-${hs.id}`} className="text-xl font-semibold">{hs.name}</h3>
            <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
              <dt className="font-semibold">Status</dt>
              <dd>{hs.status === "ready" ? "Ready" : `Error${hs.statusMessage ? `: ${hs.statusMessage}` : ""}`}</dd>
              <dt className="font-semibold">FHIR base URL</dt>
              <dd className="break-all">{hs.fhirBaseUrl}</dd>
              <dt className="font-semibold">FHIR version</dt>
              <dd>{hs.fhirVersion ?? "Not stated"}</dd>
              <dt className="font-semibold">Registration</dt>
              <dd>{hs.registrationStrategy === "per-participant" ? "One client per participant" : "One shared client"}</dd>
              <dt className="font-semibold">Client id</dt>
              <dd className="break-all">{hs.clientId ?? "None"}</dd>
              <dt className="font-semibold">Client secret</dt>
              <dd>{hs.hasClientSecret ? "Stored (encrypted, never shown)" : "None"}</dd>
              <dt className="font-semibold">Client authentication</dt>
              <dd>{hs.tokenEndpointAuthMethod}</dd>
              <dt className="font-semibold">Registration endpoint</dt>
              <dd className="break-all">{hs.registrationEndpoint ?? "None"}</dd>
              <dt className="font-semibold">Scope</dt>
              <dd><code className="break-words">{hs.scope}</code></dd>
              <dt className="font-semibold">Discovered</dt>
              <dd>{formatDay(hs.discoveredAt)}</dd>
              <dt className="font-semibold">Connections</dt>
              <dd>{hs.connections}</dd>
            </dl>
          </section>
        ))}
      </section>
    </article>
  );
}
