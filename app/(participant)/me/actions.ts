"use server";

import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { leaveStudy } from "@/lib/accounts/leave-study";
import { normalizeEmail } from "@/lib/accounts/link-tokens";
import { requestLink } from "@/lib/accounts/request-link";
import { stopSharing } from "@/lib/accounts/stop-sharing";
import { EMAIL_LINK_PROVIDER } from "@/lib/auth/email-link-provider";
import { currentParticipant, signIn } from "@/lib/auth/participant-auth";
import { clearedConsentCookie } from "@/lib/enrollment/consent-cookie";
import { addressBucket, clientAddress } from "@/lib/security/client-address";

// Every action is a public POST endpoint: each validates its input and checks the caller itself.

/** "Email me a sign-in link": the same answer whether or not the address belongs to anyone. */
export async function requestSignInLink(formData: FormData): Promise<void> {
  const email = normalizeEmail(formData.get("email"));
  if (!email) redirect("/me/sign-in?error=email");
  const outcome = await requestLink(email, addressBucket(clientAddress(await headers())));
  redirect(outcome === "sent" ? "/me/sign-in?sent=1" : "/me/sign-in?error=too-many");
}

/** The emailed link's page posts its token: used up now, and this browser is signed in (whichever browser it is). */
export async function signInWithLink(formData: FormData): Promise<void> {
  const token = formData.get("token");
  try {
    await signIn(EMAIL_LINK_PROVIDER, { token: typeof token === "string" ? token : "", redirectTo: "/me?signedIn=1" });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;
      redirect(`/me/link?problem=${code === "expired" || code === "used" ? code : "invalid"}`);
    }
    throw error; // next-auth's redirect to /me on success
  }
}

const connectionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export async function stopSharingFromHealthSystem(formData: FormData): Promise<void> {
  const me = await currentParticipant();
  if (!me) redirect("/me/sign-in");
  const id = connectionIdSchema.safeParse(formData.get("connectionId"));
  if (!id.success) redirect("/me");
  const outcome = await stopSharing(me, id.data);
  redirect(outcome === "stopped" ? `/me?stopped=${id.data}` : "/me");
}

export async function leaveTheStudy(formData: FormData): Promise<void> {
  const me = await currentParticipant();
  if (!me) redirect("/me/sign-in");
  const reason = z.string().max(500).catch("").parse(formData.get("reason") ?? "");
  await leaveStudy(me, reason.trim() || null);
  // Taking part again starts from the consent (finding 8).
  (await cookies()).set(clearedConsentCookie());
  redirect("/me?left=1");
}
