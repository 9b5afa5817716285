/**
 * Wakes this process's idle sync worker (if it runs one) so a just-enrolled connection's first
 * sync starts at once; workers in other processes notice within a couple of seconds
 * (lib/sync/worker-loop.ts polls for connections waiting for their first sync).
 */
const holder = globalThis as unknown as { portalSyncWakers?: Set<() => void> };
export const wakers: Set<() => void> = (holder.portalSyncWakers ??= new Set());

export function nudgeSyncWorker(): void {
  for (const wake of wakers) wake();
}
