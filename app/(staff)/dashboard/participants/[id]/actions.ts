"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { connectionOwner, recordConnectionRefresh } from "@/lib/data/dashboard-participant";
import { requireStaff } from "@/lib/staff/session";
import { refreshAndSyncConnection } from "@/lib/sync/connection-sync";

export type RefreshState = { ok: boolean; message: string } | null;

const connectionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** "Refresh now" (coordinators and admins): renew the token and refetch the Patient; audited. */
export async function refreshConnectionAction(_previous: RefreshState, formData: FormData): Promise<RefreshState> {
  const staff = await requireStaff("coordinator");
  const id = connectionIdSchema.safeParse(formData.get("connectionId"));
  const owner = id.success ? await connectionOwner(staff, id.data) : null;
  if (!id.success || !owner) return { ok: false, message: "No such connection." };
  if (owner.status === "withdrawn") return { ok: false, message: "The participant withdrew; nothing can be refreshed." };
  const result = await refreshAndSyncConnection(id.data);
  await recordConnectionRefresh(staff, { id: id.data, participantId: owner.participantId }, result);
  revalidatePath(`/dashboard/participants/${owner.participantId}`);
  return result;
}
