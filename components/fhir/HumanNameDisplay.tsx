import { formatHumanName, type HumanNameFormatOptions } from "@/lib/fhir/format";
import type { HumanName } from "@/lib/fhir/types";

export interface HumanNameDisplayProps {
  name: HumanName | null | undefined;
  options?: HumanNameFormatOptions;
  /** Shown when the name formats to nothing. Default "Name not given". */
  fallback?: string;
}

/** A FHIR HumanName (DSTU2 or R4) as text, e.g. "Daniel X. Adams". */
export function HumanNameDisplay({ name, options, fallback = "Name not given" }: HumanNameDisplayProps) {
  return <span dir="auto">{formatHumanName(name, options) || fallback}</span>;
}
