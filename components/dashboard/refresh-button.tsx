"use client";

import { useActionState } from "react";
import { refreshConnectionAction, type RefreshState } from "@/app/(staff)/dashboard/participants/[id]/actions";

/** "Refresh now" for one connection; the outcome is announced. */
export function RefreshButton({ connectionId }: { connectionId: string }) {
  const [state, action, pending] = useActionState<RefreshState, FormData>(refreshConnectionAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending} className="min-h-11 rounded-lg border-2 border-blue-800 bg-white px-5 py-2 font-semibold text-blue-900 hover:bg-blue-50 disabled:opacity-60">
        {pending ? "Refreshing…" : "Refresh now"}
      </button>
      <p role="status" className={state?.ok === false ? "text-red-800" : "text-green-800"}>{state?.message ?? ""}</p>
    </form>
  );
}
