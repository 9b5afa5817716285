import type { NextRequest } from "next/server";
import { exportResponse } from "@/lib/dashboard/export-response";
import { batchesToText } from "@/lib/dashboard/stream";
import { exportPatientResources } from "@/lib/data/dashboard-export";

/** The stored FHIR Patient resources, one per line (NDJSON), streamed. Coordinators and admins. */
export function GET(request: NextRequest) {
  return exportResponse(request, {
    action: "patients.export.ndjson",
    contentType: "application/fhir+ndjson",
    filename: "patients.ndjson",
    // Stored JSON is one line already (JSON.stringify without indentation).
    chunks: (staff, query) => batchesToText(exportPatientResources(staff, query), (resources) => resources.map((r) => `${r}\n`).join("")),
  });
}
