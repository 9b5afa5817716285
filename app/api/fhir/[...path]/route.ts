import { unknownPath } from "@/lib/fhir-server/discovery-handlers";

/** Any other path of the FHIR API: a FHIR 404 (OperationOutcome), never an HTML page. */
export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
