"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { answerWhoseRecord } from "@/lib/accounts/answer-whose-record";
import { currentParticipant } from "@/lib/auth/participant-auth";

// Every action is a public POST endpoint: each validates its input and checks the caller itself.

const connectionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const replySchema = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("self") }),
  z.object({ answer: z.literal("representative"), representing: z.string().trim().min(2).max(200) }),
  z.object({ answer: z.literal("not-mine") }),
]);

/** "Whose record is this?": their own, someone they act for, or not theirs (then sharing from there stops). */
export async function answerWhoseRecordQuestion(formData: FormData): Promise<void> {
  const me = await currentParticipant();
  if (!me) redirect("/me/sign-in");
  const id = connectionIdSchema.safeParse(formData.get("connectionId"));
  if (!id.success) redirect("/connect/whose?error=not-found");
  const answer = formData.get("answer");
  if (answer !== "self" && answer !== "representative" && answer !== "not-mine") redirect("/connect/whose?error=answer");
  const reply = replySchema.safeParse({ answer, ...(answer === "representative" && { representing: formData.get("representing") ?? "" }) });
  if (!reply.success) redirect("/connect/whose?error=representing");
  const outcome = await answerWhoseRecord(me, id.data, reply.data);
  if (outcome === "not-found") redirect("/connect/whose?error=not-found");
  redirect(outcome === "stopped" ? `/me?stopped=${id.data}` : "/connect/done");
}
