"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addWebhook, retryWebhook, stopWebhook } from "@/lib/events/endpoints";
import { EVENT_TYPES } from "@/lib/events/types";
import { requireStaff } from "@/lib/staff/session";

export type AddWebhookState = { ok: true; message: string; secret: string; url: string } | { ok: false; message: string } | null;
export type EndpointActionState = { ok: boolean; message: string } | null;

const addSchema = z.object({
  url: z.string().trim().min(1, "Enter the address that should receive the events.").max(2000, "The address is too long."),
  events: z.array(z.enum(EVENT_TYPES)).min(1, "Choose at least one event to send."),
});
const idSchema = z.object({ endpointId: z.string().min(1).max(64) });

/** Adds a webhook (admins only); the signing secret is returned to this one answer and never again. */
export async function addWebhookAction(_previous: AddWebhookState, formData: FormData): Promise<AddWebhookState> {
  const staff = await requireStaff("admin");
  const form = addSchema.safeParse({ url: formData.get("url") ?? "", events: formData.getAll("events") });
  if (!form.success) return { ok: false, message: form.error.issues[0]?.message ?? "Check the form." };
  const added = await addWebhook(staff, form.data);
  if (!added.ok) return added;
  revalidatePath("/dashboard/webhooks");
  return { ok: true, message: "Added. Events will be sent to this address from now on.", secret: added.secret, url: form.data.url };
}

export async function stopWebhookAction(_previous: EndpointActionState, formData: FormData): Promise<EndpointActionState> {
  const staff = await requireStaff("admin");
  const form = idSchema.safeParse({ endpointId: formData.get("endpointId") });
  if (!form.success) return { ok: false, message: "That webhook was not found." };
  const stopped = await stopWebhook(staff, form.data.endpointId);
  revalidatePath("/dashboard/webhooks");
  return stopped ? { ok: true, message: "Stopped. Nothing more will be sent to this address." } : { ok: false, message: "That webhook was already stopped." };
}

export async function retryWebhookAction(_previous: EndpointActionState, formData: FormData): Promise<EndpointActionState> {
  const staff = await requireStaff("admin");
  const form = idSchema.safeParse({ endpointId: formData.get("endpointId") });
  if (!form.success) return { ok: false, message: "That webhook was not found." };
  const count = await retryWebhook(staff, form.data.endpointId);
  revalidatePath("/dashboard/webhooks");
  return { ok: true, message: count === 0 ? "There were no failed deliveries to send again." : `Sending ${count} failed ${count === 1 ? "delivery" : "deliveries"} again.` };
}
