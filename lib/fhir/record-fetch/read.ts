/** Reads one resource by id (the Patient, a referenced Practitioner, …): type and id must be the ones asked for. */
import { toFetched, type FetchedResource } from "./entries";
import { getJson, type FetchContext, type RequestFailure } from "./request";

export type ReadResult = { ok: true; resource: FetchedResource; json: Record<string, unknown> } | ({ ok: false } & RequestFailure);

export async function readResource(ctx: FetchContext, type: string, id: string, maxBytes: number): Promise<ReadResult> {
  const answer = await getJson(ctx, `${ctx.fhirBase.replace(/\/+$/, "")}/${type}/${encodeURIComponent(id)}`, maxBytes);
  if (!answer.ok) return answer;
  const json = answer.json;
  const resource = typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  const fetched = resource ? toFetched(resource, answer.text.trim()) : null;
  if (!resource || !fetched || fetched.resourceType !== type || fetched.fhirId !== id)
    return { ok: false, kind: "failed", reason: `The health system answered with something other than the ${type} asked for.` };
  return { ok: true, resource: fetched, json: resource };
}
