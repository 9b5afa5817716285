"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { addHealthSystem } from "@/lib/health-systems/add";
import { requireStaff } from "@/lib/staff/session";

export type AddHealthSystemState = { ok: boolean; message: string } | null;

const formSchema = z.object({
  fhirBaseUrl: z.string().trim().min(1, "Enter the FHIR base URL.").max(2048).url("Enter a web address, like https://ehr.example.org/fhir."),
  name: z.string().trim().max(200).optional(),
});

/** Adds a health system by its FHIR base URL (admins only): discovery, registration, URL policy. */
export async function addHealthSystemAction(_previous: AddHealthSystemState, formData: FormData): Promise<AddHealthSystemState> {
  const staff = await requireStaff("admin");
  const form = formSchema.safeParse({ fhirBaseUrl: formData.get("fhirBaseUrl") ?? "", name: formData.get("name") || undefined });
  if (!form.success) return { ok: false, message: form.error.issues[0]?.message ?? "Check the form." };
  const result = await addHealthSystem({ fhirBaseUrl: form.data.fhirBaseUrl, ...(form.data.name && { name: form.data.name }) });
  if (!result.ok) return { ok: false, message: result.message };
  await recordAudit(staff, "health_system.add", { detail: result.healthSystem.fhirBaseUrl });
  revalidatePath("/dashboard/health-systems");
  return { ok: true, message: `Added ${result.healthSystem.name}.` };
}
