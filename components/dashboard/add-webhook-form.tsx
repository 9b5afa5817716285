"use client";

import { useActionState } from "react";
import { addWebhookAction, type AddWebhookState } from "@/app/(staff)/dashboard/webhooks/actions";
import { EVENT_DESCRIPTIONS, EVENT_TYPES } from "@/lib/events/types";

const control = "mt-1 block w-full rounded-lg border-2 border-slate-500 px-3 py-2";

/** Adds a webhook; after success, shows its signing secret this once, to copy. */
export function AddWebhookForm() {
  const [state, action, pending] = useActionState<AddWebhookState, FormData>(addWebhookAction, null);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-300 bg-white p-4">
      <div>
        <label htmlFor="webhook-url" className="font-semibold">Address that receives the events</label>
        <input id="webhook-url" name="url" type="url" required maxLength={2000} placeholder="https://study-system.example.org/portal-events" className={control} aria-describedby="webhook-url-help" />
        <p id="webhook-url-help" className="mt-1 text-slate-700">It must start with https:// and be reachable from the internet. Addresses inside a private network are refused.</p>
      </div>
      <fieldset>
        <legend className="font-semibold">Events to send</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="mt-2 flex min-h-11 items-start gap-3">
            <input type="checkbox" name="events" value={type} defaultChecked className="mt-1 size-6" />
            <span>
              <code>{type}</code>: {EVENT_DESCRIPTIONS[type]}
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className="min-h-12 rounded-lg bg-blue-800 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {pending ? "Adding…" : "Add webhook"}
      </button>
      <div role="status">
        {state?.ok === false && <p className="text-red-800">{state.message}</p>}
        {state?.ok && (
          <div className="space-y-2 rounded-lg border-2 border-green-700 bg-green-50 p-4">
            <p className="font-semibold text-green-900">{state.message}</p>
            <label htmlFor="webhook-secret" className="block font-semibold">
              Signing secret for {state.url}: copy it now, it is shown only this once
            </label>
            <input id="webhook-secret" readOnly value={state.secret} className={`${control} font-mono`} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
      </div>
    </form>
  );
}
