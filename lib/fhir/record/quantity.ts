/** Quantities, ranges and ratios (the same shapes in DSTU2 and R4), as plain text. */
import { joinParts, record, text } from "../text";

/** The number of a Quantity, when it is a finite number. */
export function quantityValue(value: unknown): number | undefined {
  const v = record(value)?.value;
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The unit of a Quantity as people write it: `unit`, else the code (UCUM "1" means no unit). */
export function quantityUnit(value: unknown): string {
  const q = record(value);
  const unit = text(q?.unit, 64) ?? text(q?.code, 64) ?? "";
  return unit === "1" ? "" : unit;
}

const number = (n: number) => (Math.abs(n) >= 1e15 || (n !== 0 && Math.abs(n) < 1e-6) ? n.toExponential(3) : String(n));

/** "7.2 %", "< 5 mg/dL", "120 mm[Hg]"; "" when there is no number. */
export function quantityText(value: unknown): string {
  const q = record(value);
  const n = quantityValue(q);
  if (n === undefined) return "";
  const comparator = text(q?.comparator, 2);
  const shown = comparator !== undefined && ["<", "<=", ">=", ">"].includes(comparator) ? `${comparator} ${number(n)}` : number(n);
  return joinParts([shown, quantityUnit(q)], " ");
}

/** A Range as "4–5.6 %" (the unit once when both ends share it), "≥ 4 %", "≤ 5.6 %". */
export function rangeText(value: unknown): string {
  const r = record(value);
  const low = quantityValue(r?.low);
  const high = quantityValue(r?.high);
  const lowUnit = quantityUnit(r?.low);
  const highUnit = quantityUnit(r?.high);
  if (low !== undefined && high !== undefined) {
    return lowUnit === highUnit || lowUnit === "" ? joinParts([`${number(low)}–${number(high)}`, highUnit], " ") : `${quantityText(r?.low)} – ${quantityText(r?.high)}`;
  }
  if (low !== undefined) return `≥ ${quantityText(r?.low)}`;
  if (high !== undefined) return `≤ ${quantityText(r?.high)}`;
  return "";
}

/** A Ratio as "1/128" or "5 mg / 1 mL". */
export function ratioText(value: unknown): string {
  const r = record(value);
  const n = quantityText(r?.numerator);
  const d = quantityText(r?.denominator);
  if (n === "" || d === "") return n;
  return quantityUnit(r?.numerator) === "" && quantityUnit(r?.denominator) === "" ? `${n}/${d}` : `${n} / ${d}`;
}
