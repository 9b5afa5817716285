import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/participant-auth";
import { handleParticipantCallback } from "@/lib/auth/participant-callback";

/** next-auth's routes for participants; the SMART callback is checked by the portal first. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ nextauth: string[] }> }) {
  const [action, providerId] = (await params).nextauth;
  if (action === "callback" && providerId) return handleParticipantCallback(request, providerId);
  return handlers.GET(request);
}

export async function POST(request: NextRequest, { params }: { params: Promise<{ nextauth: string[] }> }) {
  const [action] = (await params).nextauth;
  // SMART returns the code by GET (response_mode=query); a POST to the callback is refused.
  if (action === "callback") return new Response("Method Not Allowed", { status: 405, headers: { allow: "GET" } });
  return handlers.POST(request);
}
