import type { StaffSession } from "../staff/roles";

/**
 * Who calls a lib/data function. Pages and actions pass the caller they checked; lib/data checks
 * it again (a staff role, or filtering by the participant's own id) and audits in its name.
 */
export type { StaffSession };

/** A signed-in participant, from their session cookie (never from a form or a URL). */
export type ParticipantSession = { readonly kind: "participant"; readonly participantId: string };

/** Someone at the server's shell running one of the npm scripts (ehr:add, staff:add, …). */
export type Operator = { readonly kind: "operator"; readonly command: string };

export const operator = (command: string): Operator => ({ kind: "operator", command });

/** The portal itself, for what it notices on its own (someone guessing a staff password). */
export type Portal = { readonly kind: "portal" };
export const portal: Portal = { kind: "portal" };

/** The participant session of a signed-in participant id (lib/auth builds it from the session). */
export const participantSession = (participantId: string): ParticipantSession => ({ kind: "participant", participantId });

/** A research client acting through the FHIR API (SMART Backend Services), named as registered. */
export type ResearchClientCaller = { readonly kind: "research-client"; readonly clientId: string; readonly name: string };

/** Someone who is not signed in (a refused staff sign-in names the email that was tried). */
export type Anonymous = { readonly kind: "anonymous"; readonly email: string };
export const anonymous = (email: string): Anonymous => ({ kind: "anonymous", email });

export type AuditActor = StaffSession | ParticipantSession | Operator | Portal | ResearchClientCaller | Anonymous;
