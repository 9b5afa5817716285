"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentParticipant, signOut } from "@/lib/auth/participant-auth";
import { clearedConsentCookie, consentCookieName, consentCookieOptions, consentCookieValue } from "@/lib/enrollment/consent-cookie";
import { startEnrollment } from "@/lib/enrollment/start";
import { withdrawParticipant } from "@/lib/enrollment/withdraw";
import { env } from "@/lib/env";

// Every action is a public POST endpoint: each validates its input and checks the caller itself.

const healthSystemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export async function agreeToConsent(formData: FormData): Promise<void> {
  if (formData.get("agree") !== "yes") redirect("/connect?error=agree");
  (await cookies()).set(consentCookieName(), consentCookieValue(env().CONSENT_VERSION, new Date()), consentCookieOptions());
  redirect("/connect/choose");
}

export async function connectToHealthSystem(formData: FormData): Promise<void> {
  const id = healthSystemIdSchema.safeParse(formData.get("healthSystemId"));
  if (!id.success) redirect("/connect/choose?error=unknown");
  await startEnrollment(id.data);
}

export async function withdraw(formData: FormData): Promise<void> {
  const me = await currentParticipant();
  if (!me) redirect("/me");
  if (formData.get("confirm") !== "yes") redirect("/me/withdraw?error=confirm");
  const reason = z.string().max(500).catch("").parse(formData.get("reason") ?? "");
  await withdrawParticipant(me, reason.trim() || null);
  // Taking part again starts from the consent (finding 8).
  (await cookies()).set(clearedConsentCookie());
  redirect("/me?withdrawn=1");
}

export async function signOutParticipant(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
