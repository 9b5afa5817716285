import { formatIdentifiers } from "@/lib/fhir/format";
import type { Identifier } from "@/lib/fhir/types";

export interface IdentifierListProps {
  identifiers: Identifier[] | null | undefined;
  /** Shown when there is no identifier with a value. Default "None recorded". */
  emptyText?: string;
}

/** Identifiers with their type, e.g. "Medical record number: 1288992", one per line. */
export function IdentifierList({ identifiers, emptyText = "None recorded" }: IdentifierListProps) {
  const items = formatIdentifiers(identifiers);
  if (items.length === 0) {
    return <span className="text-gray-500">{emptyText}</span>;
  }
  return (
    <ul className="space-y-1">
      {items.map((identifier, index) => (
        <li key={index} dir="auto">
          <span className="font-medium">{identifier.label}:</span> <span className="font-mono">{identifier.value}</span>
        </li>
      ))}
    </ul>
  );
}
