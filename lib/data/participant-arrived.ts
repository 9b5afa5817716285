import "server-only";
import { db } from "../db";
import type { ParticipantSession } from "./callers";

/** Observation categories the participant's words tell apart (laboratory, vital signs, …). */
const OBSERVATION_CATEGORIES = ["laboratory", "vital-signs", "social-history", "survey", "exam"] as const;

export type ArrivedPart = { resourceType: string; category?: string };

/**
 * What of the participant's record has actually arrived from this health system: the resource
 * types found by searching their record (not the shared Practitioners and such it points at), and
 * for Observations which categories. Empty until the record's first collection. Filters by the
 * session's own participant id.
 */
export async function getMyArrivedParts(me: ParticipantSession, healthSystemId: string): Promise<ArrivedPart[]> {
  const client = await db();
  const where = { connection: { participantId: me.participantId, healthSystemId }, source: "record", removedAt: null };
  const types = await client.fhirResource.groupBy({ by: ["resourceType"], where });
  const parts: ArrivedPart[] = types.filter((t) => t.resourceType !== "Observation").map((t) => ({ resourceType: t.resourceType }));
  if (types.some((t) => t.resourceType === "Observation")) {
    const found = await Promise.all(
      OBSERVATION_CATEGORIES.map((category) =>
        client.fhirResource.findFirst({ where: { ...where, resourceType: "Observation", resourceJson: { contains: `"${category}"` } }, select: { id: true } }),
      ),
    );
    OBSERVATION_CATEGORIES.forEach((category, i) => found[i] && parts.push({ resourceType: "Observation", category }));
    if (!found.some(Boolean)) parts.push({ resourceType: "Observation" });
  }
  return parts;
}
