import type { Metadata } from "next";
import { DirectoryImportForm } from "@/components/dashboard/directory-import-form";
import { ImportStatus } from "@/components/dashboard/directory-imports";
import { getDirectoryOverview } from "@/lib/data/directory-staff";
import { formatDay } from "@/lib/enrollment/status-words";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Provider directory" };

const number = (n: number) => n.toLocaleString("en-US");

/** The provider directory (admins): size, imports per source, failed activations, and what participants could not find. */
export default async function DirectoryPage() {
  const staff = await requireStaff("admin");
  const o = await getDirectoryOverview(staff);
  return (
    <article className="space-y-8">
      {/* While an import runs, the page refreshes itself every 2 s (no JavaScript needed). */}
      {o.running.length > 0 && <meta httpEquiv="refresh" content="2" />}
      <h1 className="text-3xl font-bold">Provider directory</h1>
      <section aria-labelledby="dir-size" className="space-y-2">
        <h2 id="dir-size" className="text-2xl font-bold">Size</h2>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Brands</dt>
          <dd>{number(o.brands.active)} active, {number(o.brands.inactive)} inactive; {number(o.brands.searchable)} searchable (with an active endpoint)</dd>
          <dt className="font-semibold">Endpoints</dt>
          <dd>{number(o.endpoints.active)} active, {number(o.endpoints.inactive)} inactive; {number(o.endpoints.activated)} activated by participants</dd>
        </dl>
      </section>
      <section aria-labelledby="dir-import" className="space-y-3">
        <h2 id="dir-import" className="text-2xl font-bold">Import a User-access Brands bundle</h2>
        <p>From a web address (a file on the server: <code>npm run directory:import -- &lt;file&gt; --vendor &lt;name&gt;</code>). A re-import updates what changed and marks what vanished inactive; connections stay.</p>
        <DirectoryImportForm />
        {o.running.map((run) => (
          <div key={run.id} className="rounded-lg border border-blue-300 bg-blue-50 p-4">
            <h3 className="font-semibold">{run.source}: {run.location}</h3>
            <ImportStatus run={run} />
          </div>
        ))}
      </section>
      <section aria-labelledby="dir-sources" className="space-y-3">
        <h2 id="dir-sources" className="text-2xl font-bold">Sources</h2>
        {o.sources.length === 0 && <p>Nothing imported yet.</p>}
        {o.sources.map((s) => (
          <section key={s.name} aria-label={s.name} className="rounded-lg border border-slate-300 bg-white p-4">
            <h3 className="text-xl font-semibold">{s.name}</h3>
            <p>Client: {s.vendorClient ?? "dynamic registration at each endpoint (RFC 7591)"}</p>
            {s.lastImport ? (
              <>
                <p>Last import: {s.lastImport.location}, started {formatDay(s.lastImport.startedAt)}</p>
                <ImportStatus run={s.lastImport} />
              </>
            ) : (
              <p>No import yet.</p>
            )}
          </section>
        ))}
      </section>
      <section aria-labelledby="dir-failures" className="space-y-3">
        <h2 id="dir-failures" className="text-2xl font-bold">Endpoints that failed activation</h2>
        {o.failures.length === 0 ? (
          <p>None.</p>
        ) : (
          <table className="w-full text-left">
            <thead>
              <tr><th scope="col">Endpoint</th><th scope="col">Reason</th><th scope="col">Last failure</th><th scope="col">Failures</th></tr>
            </thead>
            <tbody>
              {o.failures.map((f) => (
                <tr key={f.endpointId} className="border-t border-slate-200 align-top">
                  <td className="break-all">{f.brandName ?? ""} <span className="text-sm text-slate-700">{f.fhirBaseUrl}</span></td>
                  <td>{f.reason}</td>
                  <td>{formatDay(f.at)}</td>
                  <td>{f.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="dir-misses" className="space-y-3">
        <h2 id="dir-misses" className="text-2xl font-bold">Most-searched names with no result</h2>
        {o.misses.length === 0 ? <p>None yet.</p> : (
          <ol className="list-decimal pl-6">{o.misses.map((m) => <li key={m.query}>“{m.query}”: {number(m.count)} searches, last {formatDay(m.lastAt)}</li>)}</ol>
        )}
      </section>
      <section aria-labelledby="dir-requests" className="space-y-3">
        <h2 id="dir-requests" className="text-2xl font-bold">“Can&apos;t find your health system?” requests: {number(o.requests.total)}</h2>
        {o.requests.top.length > 0 && (
          <ol className="list-decimal pl-6">{o.requests.top.map((r) => <li key={r.name}>“{r.name}”: {number(r.count)}</li>)}</ol>
        )}
      </section>
    </article>
  );
}
