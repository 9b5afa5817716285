"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { accountCookieName, accountCookieOptions, accountCookieValue } from "@/lib/accounts/account-cookie";
import { accountAtConsent } from "@/lib/accounts/consent-form";
import { signOut } from "@/lib/auth/participant-auth";
import { consentCookieName, consentCookieOptions, consentCookieValue } from "@/lib/enrollment/consent-cookie";
import { startEnrollment } from "@/lib/enrollment/start";
import { env } from "@/lib/env";

// Every action is a public POST endpoint: each validates its input and checks the caller itself.

const healthSystemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export async function agreeToConsent(formData: FormData): Promise<void> {
  if (formData.get("agree") !== "yes") redirect("/connect?error=agree");
  const account = accountAtConsent(formData);
  if (!account.ok) redirect(`/connect?error=${account.error}`);
  const jar = await cookies();
  jar.set(consentCookieName(), consentCookieValue(env().CONSENT_VERSION, new Date()), consentCookieOptions());
  jar.set(accountCookieName(), accountCookieValue(account.value), accountCookieOptions());
  redirect("/connect/choose");
}

export async function connectToHealthSystem(formData: FormData): Promise<void> {
  const id = healthSystemIdSchema.safeParse(formData.get("healthSystemId"));
  if (!id.success) redirect("/connect/choose?error=unknown");
  await startEnrollment(id.data);
}

export async function signOutParticipant(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
