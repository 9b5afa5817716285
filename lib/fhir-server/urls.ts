import "server-only";
import { env } from "../env";

/**
 * Where the portal's FHIR API lives, and the URIs it names things with. All are under PORTAL_URL,
 * so they identify this study's portal (docs/RESEARCH-API.md lists them).
 */
export const fhirBaseUrl = () => `${env().PORTAL_URL}/api/fhir`;
export const tokenUrl = () => `${fhirBaseUrl()}/auth/token`;
export const exportStatusUrl = (exportId: string) => `${fhirBaseUrl()}/bulk-status/${exportId}`;
export const exportFileUrl = (exportId: string, fileName: string) => `${fhirBaseUrl()}/bulk-files/${exportId}/${fileName}`;

/** `meta.tag` system whose code is the study's participant id: every exported resource has one. */
export const participantTagSystem = () => `${fhirBaseUrl()}/CodeSystem/participant-id`;
/** `meta.tag` system whose code is the portal's id of the health system the resource came from. */
export const healthSystemTagSystem = () => `${fhirBaseUrl()}/CodeSystem/health-system-id`;
/** Manifest extension: the FHIR version of the resources in a file, as their EHR sent them. */
export const fhirVersionExtension = () => `${fhirBaseUrl()}/StructureDefinition/fhir-version`;
