import { formatContactPoints } from "@/lib/fhir/format";
import type { ContactPoint } from "@/lib/fhir/types";

export interface ContactPointListProps {
  telecom: ContactPoint[] | null | undefined;
  /** Shown when there is no contact point with a value. Default "None recorded". */
  emptyText?: string;
}

/**
 * Contact points as text, e.g. "Email: daniel.adams@example.com (home)", one per line.
 * Deliberately not links: the values come from a foreign EHR.
 */
export function ContactPointList({ telecom, emptyText = "None recorded" }: ContactPointListProps) {
  const items = formatContactPoints(telecom);
  if (items.length === 0) {
    return <span className="text-gray-500">{emptyText}</span>;
  }
  return (
    <ul className="space-y-1">
      {items.map((item, index) => (
        <li key={index} dir="auto">
          {item}
        </li>
      ))}
    </ul>
  );
}
