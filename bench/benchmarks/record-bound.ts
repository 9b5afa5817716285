/**
 * The `record` benchmark's lower bound for a first sync: how fast ANY client could pull the whole
 * record when every response takes `latencyMs` and at most `inFlight` requests may be open.
 *
 * Pages: each search of the record (every type the sandbox's record of the patient holds, and
 * Observation once per category, as the server requires) needs max(1, ⌈n / pageSize⌉) pages,
 * read one after another (each page's `next` link comes in the page before); the resources the
 * record points at (Practitioner, Organization, Location, Medication) need at least ⌈n / pageSize⌉
 * requests (an `_id` search), the Patient one read. Then
 *   bound = latencyMs × max(longest chain of pages, ⌈all requests / inFlight⌉)
 * — the chain cannot be shortened, and `inFlight` requests at a time cannot do all of them sooner.
 * Left out (so the bound is lower still): the token request, the CapabilityStatement, empty searches.
 */
import type { RunningSandbox } from "../../sandbox/server";

const CATEGORIES = ["laboratory", "vital-signs", "social-history", "survey", "exam", "imaging", "procedure", "therapy", "activity"];

export type Bound = { pages: number; longestChain: number; resources: number; boundSeconds: number };

async function json(url: string, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function firstSyncBound(sandbox: RunningSandbox, input: { clientId: string; patientId: string; username: string; pageSize: number; inFlight: number; latencyMs: number }): Promise<Bound> {
  const { patientId, pageSize } = input;
  const listing = (await json(`${sandbox.url}/_sandbox/records/${patientId}?profile=smart-v2`)) as { resources: Record<string, string[]> };
  const token = (await (await fetch(`${sandbox.url}/oauth/debug/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: input.clientId, username: input.username, patient_id: patientId }) })).json()) as { access_token: string };
  const chains: number[] = [];
  let resources = 0;
  for (const [type, ids] of Object.entries(listing.resources)) {
    resources += ids.length;
    if (type === "Patient") chains.push(1);
    else if (type !== "Observation") chains.push(Math.max(1, Math.ceil(ids.length / pageSize)));
  }
  let observations = listing.resources.Observation?.length ?? 0;
  for (const category of CATEGORIES) {
    if (observations <= 0) break;
    const page = await json(`${sandbox.v2FhirBase}/Observation?patient=${patientId}&category=${category}&_count=0`, token.access_token);
    const total = Number(page.total ?? 0);
    if (total > 0) chains.push(Math.ceil(total / pageSize));
    observations -= total;
  }
  if (observations > 0) chains.push(Math.ceil(observations / pageSize)); // in no category listed above
  const pages = chains.reduce((a, b) => a + b, 0);
  const longestChain = Math.max(...chains);
  return { pages, longestChain, resources, boundSeconds: (input.latencyMs * Math.max(longestChain, Math.ceil(pages / input.inFlight))) / 1000 };
}
