/**
 * The completion manifest of a Bulk Data export (Bulk Data Access 2.0, "Response - Complete
 * Status"): when the data was taken, the kick-off URL, that files need the access token, and one
 * entry per file. Each file states the FHIR version its resources were stored in (the EHR's
 * own), in an extension, because DSTU2 resources are exported as stored, without conversion.
 */
export type ManifestFile = { kind: "output" | "deleted" | "error"; type: string; name: string; path: string; count: number; fhirVersion: string | null };

type Entry = { type: string; url: string; count: number; extension?: Record<string, string> };

export type Manifest = {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: Entry[];
  deleted?: Entry[];
  error: Entry[];
  extension: Record<string, unknown>;
};

export function buildManifest(input: {
  transactionTime: Date;
  request: string;
  since: Date | null;
  files: ManifestFile[];
  fileUrl: (name: string) => string;
  versionExtension: string;
}): Manifest {
  const entry = (f: ManifestFile): Entry => ({
    type: f.type,
    url: input.fileUrl(f.name),
    count: f.count,
    ...(f.kind === "output" && { extension: { [input.versionExtension]: f.fhirVersion ?? "unknown" } }),
  });
  const of = (kind: ManifestFile["kind"]) => input.files.filter((f) => f.kind === kind).map(entry);
  return {
    transactionTime: input.transactionTime.toISOString(),
    request: input.request,
    requiresAccessToken: true,
    output: of("output"),
    ...(input.since && { deleted: of("deleted") }),
    error: of("error"),
    extension: {
      [input.versionExtension]: "Each output file's extension gives the FHIR version its resources were stored in, as their health system sent them (1.0.2 is DSTU2, 4.0.1 is R4); resources are not converted.",
    },
  };
}
