"use client";

import { useActionState } from "react";
import { addHealthSystemAction, type AddHealthSystemState } from "@/app/(staff)/dashboard/health-systems/actions";

const control = "mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2";
const primary = "min-h-11 rounded-lg bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";

/**
 * The admin's form to add a health system by FHIR base URL; the result is announced. Adding one
 * again that would change its endpoints, issuer or client shows the changes and asks to confirm.
 */
export function AddHealthSystemForm() {
  const [state, action, pending] = useActionState<AddHealthSystemState, FormData>(addHealthSystemAction, null);
  const confirm = state?.confirm;
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <div>
          <label htmlFor="fhirBaseUrl" className="font-semibold">FHIR base URL</label>
          <input id="fhirBaseUrl" name="fhirBaseUrl" type="url" required placeholder="https://ehr.example.org/fhir" className={control} />
        </div>
        <div>
          <label htmlFor="hs-name" className="font-semibold">Name (optional)</label>
          <input id="hs-name" name="name" type="text" maxLength={200} className={control} />
        </div>
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "Adding…" : "Add health system"}
        </button>
        <p role="status" className={state?.ok === false ? "text-red-800" : "text-green-800"}>{state?.message ?? ""}</p>
      </form>
      {confirm && (
        <section aria-labelledby="confirm-change" className="space-y-3 rounded-lg border-2 border-red-800 bg-white p-4">
          <h3 id="confirm-change" className="text-xl font-semibold">Confirm the changes to {confirm.name}</h3>
          <p>Its connections send their tokens and the client secret to these addresses. Change them only if its administrators told you so.</p>
          <ul className="list-disc space-y-1 pl-6 break-all">
            {confirm.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
          <form action={action} className="flex flex-wrap gap-3">
            <input type="hidden" name="fhirBaseUrl" value={confirm.fhirBaseUrl} />
            <input type="hidden" name="name" value={confirm.name} />
            <input type="hidden" name="confirmChange" value={confirm.fingerprint} />
            <button type="submit" disabled={pending} className={primary}>
              Yes, apply these changes
            </button>
            <a href="/dashboard/health-systems" className="inline-flex min-h-11 items-center rounded-lg border-2 border-slate-500 px-5 py-2 font-semibold">
              Cancel, change nothing
            </a>
          </form>
        </section>
      )}
    </div>
  );
}
