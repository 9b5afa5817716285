"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { importDirectory } from "@/lib/directory/import";
import { log } from "@/lib/log";
import { requireStaff } from "@/lib/staff/session";

export type ImportFormState = { ok: boolean; message: string } | null;

const formSchema = z.object({
  url: z.string().trim().min(1, "Enter the bundle's web address.").max(2048).url("Enter a web address, like https://vendor.example.org/brands.json."),
  vendor: z.string().trim().min(1, "Enter the vendor's name (for example epic).").max(60),
});

/**
 * Starts an import from a URL (admins only) and returns once it is under way: the import goes on
 * in the background and the directory page shows its progress. Files on the server: use the CLI.
 */
export async function startImportAction(_previous: ImportFormState, formData: FormData): Promise<ImportFormState> {
  const staff = await requireStaff("admin");
  const form = formSchema.safeParse({ url: formData.get("url") ?? "", vendor: formData.get("vendor") ?? "" });
  if (!form.success) return { ok: false, message: form.error.issues[0]?.message ?? "Check the form." };
  if (!/^https?:\/\//i.test(form.data.url)) return { ok: false, message: "Enter a web address starting with https://." };
  const started = await new Promise<{ id: string } | { message: string }>((resolve) => {
    importDirectory(staff, { fileOrUrl: form.data.url, vendor: form.data.vendor, onStarted: (id) => resolve({ id }) })
      .then((result) => resolve(result.ok ? { message: result.summary.message } : { message: result.message }))
      .catch((error: unknown) => {
        log.error("directory.import_crashed", { error: error instanceof Error ? error.message : String(error) });
        resolve({ message: "The import could not start." });
      });
  });
  if ("message" in started) return { ok: false, message: started.message };
  redirect(`/dashboard/directory?import=${started.id}`);
}
