"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { recordHealthSystemRequest } from "@/lib/data/directory-participants";
import { activateForParticipant } from "@/lib/directory/participant-choice";
import { startEnrollment } from "@/lib/enrollment/start";
import { addressBucket, clientAddress } from "@/lib/security/client-address";
import { AttemptWindow } from "@/lib/staff/rate-limit";

// Every action is a public POST endpoint: each validates its input and checks the caller itself.

const endpointIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const requests = new AttemptWindow(10, 10 * 60_000);

/** The visitor's rate-limit key: the address the portal's server vouches for, never X-Forwarded-For. */
async function visitorKey(): Promise<string> {
  return addressBucket(clientAddress(await headers()));
}

/** A participant chose a brand found in the directory: activate its endpoint on first use, then enroll. */
export async function connectThroughDirectory(formData: FormData): Promise<void> {
  const id = endpointIdSchema.safeParse(formData.get("endpointId"));
  if (!id.success) redirect("/connect/choose?error=unknown");
  const activation = await activateForParticipant(id.data, await visitorKey());
  if (!activation.ok) {
    if (activation.reason === "consent") redirect("/connect?error=consent");
    redirect(`/connect/choose?error=${activation.reason === "unknown" ? "unknown" : activation.reason === "too-many" ? "too-many" : "unavailable"}`);
  }
  await startEnrollment(activation.healthSystemId);
}

const requestSchema = z.object({
  name: z.string().trim().min(2).max(200),
  city: z.string().trim().max(100).optional(),
});

/** "Can't find your health system?": counted for the study's staff. */
export async function requestHealthSystem(formData: FormData): Promise<void> {
  const form = requestSchema.safeParse({ name: formData.get("name") ?? "", city: formData.get("city") ?? undefined });
  if (!form.success) redirect("/connect/choose?error=request");
  if (!requests.take(await visitorKey())) redirect("/connect/choose?error=too-many");
  await recordHealthSystemRequest({ name: form.data.name, city: form.data.city || null });
  redirect("/connect/choose?requested=1");
}
