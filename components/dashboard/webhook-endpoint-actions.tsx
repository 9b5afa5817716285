"use client";

import { useActionState } from "react";
import { retryWebhookAction, stopWebhookAction, type EndpointActionState } from "@/app/(staff)/dashboard/webhooks/actions";

const button = "min-h-11 rounded-lg border-2 px-4 py-2 font-semibold disabled:opacity-60";

/** "Send failed deliveries again" and "Stop sending" for one webhook; outcomes are announced. */
export function WebhookEndpointActions({ endpointId, failed, active }: { endpointId: string; failed: number; active: boolean }) {
  const [retried, retry, retrying] = useActionState<EndpointActionState, FormData>(retryWebhookAction, null);
  const [stopped, stop, stopping] = useActionState<EndpointActionState, FormData>(stopWebhookAction, null);
  if (!active) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      {failed > 0 && (
        <form action={retry}>
          <input type="hidden" name="endpointId" value={endpointId} />
          <button type="submit" disabled={retrying} className={`${button} border-blue-800 bg-white text-blue-900 hover:bg-blue-50`}>
            {retrying ? "Sending again…" : `Send ${failed} failed again`}
          </button>
        </form>
      )}
      <form action={stop}>
        <input type="hidden" name="endpointId" value={endpointId} />
        <button type="submit" disabled={stopping} className={`${button} border-red-800 bg-white text-red-900 hover:bg-red-50`}>
          {stopping ? "Stopping…" : "Stop sending"}
        </button>
      </form>
      <p role="status" className={(retried ?? stopped)?.ok === false ? "text-red-800" : "text-green-800"}>{stopped?.message ?? retried?.message ?? ""}</p>
    </div>
  );
}
