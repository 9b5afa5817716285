import type { NextRequest } from "next/server";
import { participantCsv } from "@/lib/dashboard/csv";
import { exportResponse } from "@/lib/dashboard/export-response";
import { batchesToText } from "@/lib/dashboard/stream";
import { exportParticipantRows } from "@/lib/data/dashboard-export";

/** The participant table (with the table's filters) as CSV, streamed. Coordinators and admins. */
export function GET(request: NextRequest) {
  return exportResponse(request, {
    action: "participants.export.csv",
    contentType: "text/csv; charset=utf-8",
    filename: "participants.csv",
    chunks: (staff, query) => batchesToText(exportParticipantRows(staff, query), (rows, first) => participantCsv(rows, { header: first })),
  });
}
