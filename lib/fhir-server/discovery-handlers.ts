import "server-only";
import { countStudyGroupMembers } from "../data/bulk-export-resources";
import { env } from "../env";
import { researchCaller } from "./caller";
import { capabilityStatement, smartConfiguration } from "./capability";
import { STUDY_GROUP_ID } from "./export-handlers";
import { fhirJson, NO_STORE, outcomeResponse } from "./outcome";
import { fhirBaseUrl, tokenUrl } from "./urls";

/** GET /api/fhir/metadata: public, as FHIR requires. */
export function metadata(): Response {
  return fhirJson(capabilityStatement({ fhirBaseUrl: fhirBaseUrl(), tokenUrl: tokenUrl(), studyName: env().STUDY_NAME, date: "2026-11-29" }));
}

/** GET /api/fhir/.well-known/smart-configuration: public. */
export function smartConfigurationResponse(): Response {
  return Response.json(smartConfiguration({ tokenUrl: tokenUrl() }), { headers: NO_STORE });
}

/** GET /api/fhir/Group/study: the study's one group (its size, not its members). */
export async function readGroup(request: Request, groupId: string): Promise<Response> {
  const auth = await researchCaller(request);
  if (!auth.ok) return auth.response;
  if (groupId !== STUDY_GROUP_ID) return outcomeResponse(404, "not-found", `This server has one group, Group/${STUDY_GROUP_ID} (the study's participants).`);
  return fhirJson({
    resourceType: "Group",
    id: STUDY_GROUP_ID,
    type: "person",
    actual: true,
    name: env().STUDY_NAME,
    quantity: await countStudyGroupMembers(auth.caller),
  });
}

/** Anything else under /api/fhir. */
export const unknownPath = () => outcomeResponse(404, "not-found", "This FHIR API offers metadata, .well-known/smart-configuration, Group/study and Group/study/$export.");
