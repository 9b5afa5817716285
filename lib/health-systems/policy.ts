import "server-only";
import { env } from "../env";
import type { UrlPolicy } from "../smart";

/**
 * Which EHR addresses the portal may reach. Production: https to public addresses only.
 * Development (and e2e runs that set ALLOW_INSECURE_LOOPBACK_EHR): also http on loopback, for the
 * sandbox. Private networks only when ALLOW_PRIVATE_EHR_ADDRESSES is set.
 */
export function ehrUrlPolicy(): UrlPolicy {
  const { NODE_ENV, ALLOW_INSECURE_LOOPBACK_EHR, ALLOW_PRIVATE_EHR_ADDRESSES } = env();
  return {
    allowHttpLoopback: ALLOW_INSECURE_LOOPBACK_EHR ?? NODE_ENV !== "production",
    allowPrivateNetworks: ALLOW_PRIVATE_EHR_ADDRESSES,
  };
}

/** The bound on every request to an EHR, from EHR_TIMEOUT_MS. */
export const ehrTimeoutMs = () => env().EHR_TIMEOUT_MS;

/** The portal's callback for a health system: the redirect URI registered there. */
export function callbackUrl(healthSystemId: string): string {
  return `${env().PORTAL_URL}/api/auth/callback/${providerIdFor(healthSystemId)}`;
}

/** Each health system is its own next-auth provider, so the callback path names the EHR. */
export const providerIdFor = (healthSystemId: string) => `ehr-${healthSystemId}`;

export function healthSystemIdFromProvider(providerId: string): string | null {
  const match = /^ehr-([A-Za-z0-9_-]{1,64})$/.exec(providerId);
  return match ? match[1]! : null;
}
