/**
 * Documents (DocumentReference) in DSTU2 or R4: a title and a date. The attachments themselves
 * are not fetched. DSTU2 dates the document with `created` (and `indexed`); R4 with `date`;
 * both may date the attachment (`content[].attachment.creation`).
 */
import { record, records, text } from "../text";
import { conceptText, fhirIdOf, firstConceptText, firstDate, sortDateOf, statusCode, statusText, type RecordFormatOptions, type RecordRowBase } from "./common";

export interface DocumentRow extends RecordRowBase {
  /** The description, else the attachment's title, else the document type, else "Untitled document". */
  title: string;
  /** The kind of document ("Discharge summary"), when it is not already the title. */
  kind: string;
  date: string;
  /** The attachment's media type in words ("PDF", "Text"), when given. */
  format: string;
  /** "Current", "Superseded", "Entered in error". */
  status: string;
  enteredInError: boolean;
}

const STATUS: Readonly<Record<string, string>> = { current: "Current", superseded: "Superseded", "entered-in-error": "Entered in error" };

const FORMATS: Readonly<Record<string, string>> = {
  "application/pdf": "PDF",
  "text/plain": "Text",
  "text/html": "Web page",
  "application/xml": "XML",
  "text/xml": "XML",
  "application/hl7-v3+xml": "C-CDA",
  "image/jpeg": "Image",
  "image/png": "Image",
};

const DATES = ["date", "created", "indexed"] as const;
const attachmentOf = (r: Record<string, unknown> | undefined) => records(r?.content).map((c) => record(c.attachment)).find((a) => a !== undefined);

/** A document's date for sorting: its own, else its attachment's. */
export const documentSortDate = (resource: unknown) => sortDateOf(resource, DATES) || sortDateOf(attachmentOf(record(resource)), ["creation"]);

/** One DocumentReference as a row of the record page. */
export function formatDocument(resource: unknown, rowId: string, options: RecordFormatOptions = {}): DocumentRow {
  const r = record(resource);
  const attachment = attachmentOf(r);
  const date = firstDate(r, DATES, options);
  const attachmentDate = firstDate(attachment, ["creation"], options);
  const kind = conceptText(r?.type) || firstConceptText(r?.category) || conceptText(r?.class);
  const title = text(r?.description) ?? text(attachment?.title) ?? (kind || "Untitled document");
  const contentType = text(attachment?.contentType, 128)?.split(";")[0]?.trim().toLowerCase();
  return {
    rowId,
    fhirId: fhirIdOf(r),
    sortDate: date.sort || attachmentDate.sort,
    title,
    kind: kind === title ? "" : kind,
    date: date.text || attachmentDate.text,
    format: contentType === undefined ? "" : (FORMATS[contentType] ?? contentType),
    status: statusText(STATUS, r?.status),
    enteredInError: statusCode(r?.status) === "entered-in-error",
  };
}
