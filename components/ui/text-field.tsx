import type { InputHTMLAttributes } from "react";

/**
 * A text input with its label and a hint the input is described by (large, for participants).
 * `id` names the input; the hint is `<id>-hint`. Other input attributes pass through.
 */
export function TextField({ id, label, hint, labelClassName = "text-lg", ...input }: { id: string; label: string; hint: string; labelClassName?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className={labelClassName}>{label}</label>
      <p id={`${id}-hint`} className="text-base text-slate-700">{hint}</p>
      <input id={id} aria-describedby={`${id}-hint`} className="min-h-12 rounded-lg border-2 border-slate-500 px-3 text-lg" {...input} />
    </div>
  );
}
