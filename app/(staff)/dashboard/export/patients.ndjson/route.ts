import type { NextRequest } from "next/server";
import { exportByLinkRefused, exportResponse } from "@/lib/dashboard/export-response";
import { batchesToText } from "@/lib/dashboard/stream";
import { exportPatientResources } from "@/lib/data/dashboard-export";

/** The stored FHIR Patient resources, one per line (NDJSON), streamed. Coordinators and admins, by the dashboard's export form (a same-origin POST). */
export function POST(request: NextRequest) {
  return exportResponse(request, {
    contentType: "application/fhir+ndjson",
    filename: "patients.ndjson",
    // Stored JSON is one line already (JSON.stringify without indentation).
    chunks: async (staff, query) => batchesToText(await exportPatientResources(staff, query), (resources) => resources.map((r) => `${r}\n`).join("")),
  });
}

export const GET = exportByLinkRefused;
