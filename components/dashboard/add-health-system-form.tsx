"use client";

import { useActionState } from "react";
import { addHealthSystemAction, type AddHealthSystemState } from "@/app/(staff)/dashboard/health-systems/actions";

const control = "mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2";

/** The admin's form to add a health system by FHIR base URL; the result is announced. */
export function AddHealthSystemForm() {
  const [state, action, pending] = useActionState<AddHealthSystemState, FormData>(addHealthSystemAction, null);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <div>
        <label htmlFor="fhirBaseUrl" className="font-semibold">FHIR base URL</label>
        <input id="fhirBaseUrl" name="fhirBaseUrl" type="url" required placeholder="https://ehr.example.org/fhir" className={control} />
      </div>
      <div>
        <label htmlFor="hs-name" className="font-semibold">Name (optional)</label>
        <input id="hs-name" name="name" type="text" maxLength={200} className={control} />
      </div>
      <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {pending ? "Adding…" : "Add health system"}
      </button>
      <p role="status" className={state?.ok === false ? "text-red-800" : "text-green-800"}>{state?.message ?? ""}</p>
    </form>
  );
}
