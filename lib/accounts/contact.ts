import "server-only";
import { env } from "../env";
import type { StudyContact } from "./email-content";

/** The study team's contact from the configuration (STUDY_CONTACT_NAME, _EMAIL, _PHONE). */
export function studyContact(): StudyContact {
  const { STUDY_NAME, STUDY_CONTACT_NAME, STUDY_CONTACT_EMAIL, STUDY_CONTACT_PHONE } = env();
  return { studyName: STUDY_NAME, name: STUDY_CONTACT_NAME, email: STUDY_CONTACT_EMAIL ?? null, phone: STUDY_CONTACT_PHONE ?? null };
}
