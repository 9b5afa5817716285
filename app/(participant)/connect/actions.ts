"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentParticipantId, signOut } from "@/lib/auth/participant-auth";
import { CONSENT_COOKIE, CONSENT_MAX_AGE_SECONDS, consentCookieValue } from "@/lib/enrollment/consent-cookie";
import { startEnrollment } from "@/lib/enrollment/start";
import { withdrawParticipant } from "@/lib/enrollment/withdraw";
import { secureCookies } from "@/lib/auth/cookies";
import { env } from "@/lib/env";

// Every action is a public POST endpoint: each validates its input and checks the caller itself.

const healthSystemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export async function agreeToConsent(formData: FormData): Promise<void> {
  if (formData.get("agree") !== "yes") redirect("/connect?error=agree");
  (await cookies()).set(CONSENT_COOKIE, consentCookieValue(env().CONSENT_VERSION, new Date()), {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    maxAge: CONSENT_MAX_AGE_SECONDS,
  });
  redirect("/connect/choose");
}

export async function connectToHealthSystem(formData: FormData): Promise<void> {
  const id = healthSystemIdSchema.safeParse(formData.get("healthSystemId"));
  if (!id.success) redirect("/connect/choose?error=unknown");
  await startEnrollment(id.data);
}

export async function withdraw(formData: FormData): Promise<void> {
  const participantId = await currentParticipantId();
  if (!participantId) redirect("/me");
  if (formData.get("confirm") !== "yes") redirect("/me/withdraw?error=confirm");
  const reason = z.string().max(500).catch("").parse(formData.get("reason") ?? "");
  await withdrawParticipant(participantId, reason.trim() || null);
  redirect("/me?withdrawn=1");
}

export async function signOutParticipant(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
