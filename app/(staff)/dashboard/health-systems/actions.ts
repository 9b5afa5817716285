"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addHealthSystem } from "@/lib/health-systems/add";
import { requireStaff } from "@/lib/staff/session";

export type AddHealthSystemState =
  | { ok: boolean; message: string; confirm?: { changes: string[]; fingerprint: string; fhirBaseUrl: string; name: string } }
  | null;

const formSchema = z.object({
  fhirBaseUrl: z.string().trim().min(1, "Enter the FHIR base URL.").max(2048).url("Enter a web address, like https://ehr.example.org/fhir."),
  name: z.string().trim().max(200).optional(),
  /** The fingerprint of the changes the admin was shown and confirmed (lib/health-systems/changes.ts). */
  confirmChange: z.string().regex(/^[A-Za-z0-9_-]{22}$/).optional(),
});

/**
 * Adds a health system by its FHIR base URL (admins only): discovery, registration, URL policy.
 * Adding one again that would change its endpoints, issuer or client first answers with the
 * changes; the admin's confirmation (their fingerprint) applies exactly those. lib/data audits.
 */
export async function addHealthSystemAction(_previous: AddHealthSystemState, formData: FormData): Promise<AddHealthSystemState> {
  const staff = await requireStaff("admin");
  const form = formSchema.safeParse({
    fhirBaseUrl: formData.get("fhirBaseUrl") ?? "",
    name: formData.get("name") || undefined,
    confirmChange: formData.get("confirmChange") || undefined,
  });
  if (!form.success) return { ok: false, message: form.error.issues[0]?.message ?? "Check the form." };
  const { fhirBaseUrl, name, confirmChange } = form.data;
  const result = await addHealthSystem(staff, { fhirBaseUrl, ...(name && { name }), ...(confirmChange && { confirmChange }) });
  if (!result.ok && "confirm" in result) {
    const stale = confirmChange ? "What discovery says has changed since you confirmed. " : "";
    return { ok: false, message: `${stale}Adding ${result.confirm.name} again would change its settings. Check the changes below.`, confirm: { ...result.confirm, fhirBaseUrl } };
  }
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePath("/dashboard/health-systems");
  const changed = result.changes.length > 0 ? ` Changed: ${result.changes.join("; ")}.` : "";
  return { ok: true, message: `Added ${result.healthSystem.name}.${changed}` };
}
