import { addressLines, nameUseLabel } from "@/lib/fhir/format";
import type { Address } from "@/lib/fhir/types";

export interface AddressDisplayProps {
  address: Address | null | undefined;
  /** Show the address use ("home", "work") before the address. Default false. */
  showUse?: boolean;
}

/** A FHIR Address as it would be printed on an envelope, one line per part. */
export function AddressDisplay({ address, showUse = false }: AddressDisplayProps) {
  const lines = addressLines(address);
  if (lines.length === 0) {
    return null;
  }
  const use = showUse ? addressUse(address) : undefined;
  return (
    <address className="not-italic" dir="auto">
      {use !== undefined && <span className="block text-base font-medium text-gray-600">{use}</span>}
      {lines.map((line, index) => (
        <span key={index} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}

const ADDRESS_USES: Readonly<Record<string, string>> = {
  home: "Home",
  work: "Work",
  temp: "Temporary",
  old: "Old",
  billing: "Billing",
};

function addressUse(address: Address | null | undefined): string | undefined {
  const use = typeof address?.use === "string" ? address.use : undefined;
  if (use === undefined) {
    return undefined;
  }
  return Object.hasOwn(ADDRESS_USES, use) ? ADDRESS_USES[use] : nameUseLabel(use);
}
