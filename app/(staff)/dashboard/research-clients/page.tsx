import type { Metadata } from "next";
import { ResearchNav } from "@/components/dashboard/research-nav";
import { formatDateTime } from "@/lib/dashboard/format";
import { listRecentExports } from "@/lib/data/bulk-exports";
import { listResearchClients } from "@/lib/data/research-clients";
import { fhirBaseUrl, tokenUrl } from "@/lib/fhir-server/urls";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Research clients and exports" };

const EXPORT_STATUS: Record<string, string> = {
  queued: "Waiting to start",
  running: "Running",
  complete: "Ready to download",
  failed: "Failed",
  cancelled: "Cancelled by the client",
  expired: "Files deleted (expired)",
};

/** Research tools allowed to export the study's data (FHIR Bulk Data), and their latest exports (admins). */
export default async function ResearchClientsPage() {
  const staff = await requireStaff("admin");
  const [clients, exports] = await Promise.all([listResearchClients(staff), listRecentExports(staff)]);
  return (
    <article className="space-y-8">
      <ResearchNav current="/dashboard/research-clients" />
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Research clients and exports</h1>
        <p className="max-w-prose">
          Research tools export the study&apos;s records with FHIR Bulk Data from <code className="break-all">{fhirBaseUrl()}</code>, signing in with their own
          key at <code className="break-all">{tokenUrl()}</code>. An administrator adds a tool on the server with{" "}
          <code>npm run research:client -- --name &quot;…&quot; --jwks-url https://…</code> and can stop it with <code>--disable &lt;client id&gt;</code>.
          Every export and download is in the audit log.
        </p>
      </header>
      <section aria-labelledby="clients" className="space-y-2">
        <h2 id="clients" className="text-2xl font-bold">{clients.length === 1 ? "1 research client" : `${clients.length} research clients`}</h2>
        <div role="region" aria-label="Research clients" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">Research clients</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-2">Name</th>
                <th scope="col" className="px-2 py-2">Client id</th>
                <th scope="col" className="px-2 py-2">Keys</th>
                <th scope="col" className="px-2 py-2">Status</th>
                <th scope="col" className="px-2 py-2">Added</th>
                <th scope="col" className="px-2 py-2">Last signed in</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <td className="px-2 py-2 font-semibold">{c.name}</td>
                  <td className="px-2 py-2"><code>{c.id}</code></td>
                  <td className="break-all px-2 py-2">{c.keySource}</td>
                  <td className="px-2 py-2">{c.disabled ? "Disabled" : "Active"}</td>
                  <td className="px-2 py-2">{formatDateTime(c.createdAt)}</td>
                  <td className="px-2 py-2">{formatDateTime(c.lastTokenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="exports" className="space-y-2">
        <h2 id="exports" className="text-2xl font-bold">Latest exports</h2>
        {exports.length === 0 ? (
          <p>No exports yet.</p>
        ) : (
          <div role="region" aria-label="Exports" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="w-full min-w-[56rem] text-sm">
              <caption className="sr-only">Exports, newest first</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-2 py-2">Client</th>
                  <th scope="col" className="px-2 py-2">Status</th>
                  <th scope="col" className="px-2 py-2">Resource types</th>
                  <th scope="col" className="px-2 py-2">Changed since</th>
                  <th scope="col" className="px-2 py-2">Started</th>
                  <th scope="col" className="px-2 py-2">Finished</th>
                  <th scope="col" className="px-2 py-2">Files deleted</th>
                </tr>
              </thead>
              <tbody>
                {exports.map((e) => (
                  <tr key={e.id} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-2">{e.clientName}</td>
                    <td className="px-2 py-2">
                      {EXPORT_STATUS[e.status] ?? e.status}
                      {e.status === "running" && e.connectionsTotal > 0 ? ` (${e.connectionsDone} of ${e.connectionsTotal} records)` : ""}
                      {e.error ? <div className="text-red-800">{e.error}</div> : null}
                    </td>
                    <td className="break-words px-2 py-2">{e.types?.split(",").join(", ") ?? "All"}</td>
                    <td className="px-2 py-2">{e.since ? formatDateTime(e.since) : "Everything"}</td>
                    <td className="px-2 py-2">{formatDateTime(e.createdAt)}</td>
                    <td className="px-2 py-2">{e.completedAt ? formatDateTime(e.completedAt) : ""}</td>
                    <td className="px-2 py-2">{e.status === "complete" && e.expiresAt ? formatDateTime(e.expiresAt) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
