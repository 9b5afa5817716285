import { arrivedKinds, describeGrantedData, type DataKind } from "@/lib/enrollment/scope-words";
import { getParticipantT } from "@/lib/i18n/server";

/** What of the record has actually arrived (lib/data/participant-arrived.ts); empty before the first collection. */
export type ArrivedParts = readonly { resourceType: string; category?: string | null }[];

/**
 * "What was shared", in the participant's language, one way for every page (the confirmation
 * page's GrantedData and My study's cards): once the record has arrived, the parts that actually
 * came (`arrived`, then only the ongoing/once line of the grant); before, what the grant allows.
 */
export async function sharedParts({ requested, granted, arrived = [] }: { requested: string; granted: string | null; arrived?: ArrivedParts }) {
  const { t, format } = await getParticipantT("granted");
  const kind = (k: DataKind) => t(`kinds.${k}`);
  const lines = describeGrantedData(granted ?? requested, {
    everything: t("everything"),
    parts: (types) => t("parts", { types }),
    ongoing: t("ongoing"),
    once: t("once"),
    kind,
    list: format.list,
  });
  const kinds = arrivedKinds(arrived);
  // Once the record has arrived, what came replaces what the grant allows.
  return { arrived: kinds.map(kind), arrivedIntro: t("arrived"), lines: kinds.length > 0 ? lines.slice(-1) : lines };
}
