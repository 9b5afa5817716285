"use client";

import { useActionState } from "react";
import { startImportAction, type ImportFormState } from "@/app/(staff)/dashboard/directory/actions";

const control = "mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2";

/** The admin's form to import a vendor's User-access Brands bundle from its web address. */
export function DirectoryImportForm() {
  const [state, action, pending] = useActionState<ImportFormState, FormData>(startImportAction, null);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <div>
        <label htmlFor="bundle-url" className="font-semibold">Bundle web address</label>
        <input id="bundle-url" name="url" type="url" required placeholder="https://vendor.example.org/brands.json" className={control} />
      </div>
      <div>
        <label htmlFor="bundle-vendor" className="font-semibold">Vendor</label>
        <input id="bundle-vendor" name="vendor" type="text" required maxLength={60} placeholder="epic" className={control} />
      </div>
      <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {pending ? "Starting…" : "Import"}
      </button>
      <p role="status" className={state?.ok === false ? "text-red-800" : "text-green-800"}>{state?.message ?? ""}</p>
    </form>
  );
}
