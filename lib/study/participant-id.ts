/**
 * The study's participant id: what staff call a participant, print on forms and see in exports
 * ("P-4K7M-Q2XD"), never the database id. Eight random Crockford base-32 characters (no I, L, O,
 * U: nothing to misread aloud or on paper): 2^40 ids, so a clash at 100,000 participants is a
 * one-in-ten-million event, and the unique index refuses it anyway (the caller draws again).
 */
import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newStudyParticipantId(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(8);
  const chars = Array.from(bytes, (b) => CROCKFORD[b & 31]).join("");
  return `P-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

