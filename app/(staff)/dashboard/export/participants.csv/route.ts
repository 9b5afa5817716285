import type { NextRequest } from "next/server";
import { participantCsv } from "@/lib/dashboard/csv";
import { exportByLinkRefused, exportResponse } from "@/lib/dashboard/export-response";
import { batchesToText } from "@/lib/dashboard/stream";
import { exportParticipantRows } from "@/lib/data/dashboard-export";

/** The participant table (with the table's filters) as CSV, streamed. Coordinators and admins, by the dashboard's export form (a same-origin POST). */
export function POST(request: NextRequest) {
  return exportResponse(request, {
    contentType: "text/csv; charset=utf-8",
    filename: "participants.csv",
    chunks: async (staff, query) => batchesToText(await exportParticipantRows(staff, query), (rows, first) => participantCsv(rows, { header: first })),
  });
}

export const GET = exportByLinkRefused;
