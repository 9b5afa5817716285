import "server-only";
import { REFRESH_PENDING } from "./connection-tokens";

/**
 * A connection's statusReason as staff may see it. The refresh machinery also keeps an internal
 * marker there ("refresh-pending": a refresh was sent and its answer not yet stored); that is
 * bookkeeping, not a reason, and never leaves the data layer.
 */
export function visibleStatusReason(reason: string | null): string | null {
  return reason === REFRESH_PENDING ? null : reason;
}
