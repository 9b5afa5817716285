/**
 * Pure formatters for FHIR Patient data in DSTU2 and R4 shapes. Every function takes possibly
 * broken foreign data, never throws on it, and returns bounded plain text to render as text.
 */
export { addressLines, cityAndState, formatAddress, primaryAddress, type AddressFormatOptions } from "./address";
export { formatContactPoint, formatContactPoints, type ContactPointFormatOptions } from "./contact";
export {
  ageFromBirthDate,
  formatDate,
  parseFhirDate,
  type AgeOptions,
  type DateFormatOptions,
  type FhirDateParts,
} from "./dates";
export {
  formatIdentifier,
  formatIdentifiers,
  identifierTypeLabel,
  isMedicalRecordNumber,
  UNKNOWN_IDENTIFIER_LABEL,
  V2_0203_LABELS,
  type FormattedIdentifier,
} from "./identifiers";
export {
  familyName,
  formatHumanName,
  NAME_NOT_GIVEN,
  nameUseLabel,
  patientDisplayName,
  type HumanNameFormatOptions,
} from "./names";
export { narrativeText, xhtmlToText, MAX_NARRATIVE_INPUT, type NarrativeTextOptions } from "./narrative";
export {
  communicationLanguages,
  formatCodeableConcept,
  formatCommunication,
  formatDeceased,
  formatGender,
  formatLanguage,
  formatManagingOrganization,
  isDeceased,
  type CommunicationLanguage,
} from "./patient-fields";
export { patientAge, patientIndexFields, summarizePatient, type PatientIndexFields, type PatientSummaryRow } from "./summary";
export { clip, MAX_LIST_LENGTH, MAX_STRING_LENGTH } from "./text";
