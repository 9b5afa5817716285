import "server-only";
import type { ParticipantSession } from "../data/callers";
import { recordWhoseRecordAnswer, type WhoseRecordReply } from "../data/whose-record";
import { log } from "../log";
import { stopSharing } from "./stop-sharing";

/**
 * The participant's answer to "whose record is this?": recorded on the connection (the data
 * layer checks it is theirs and was asked about); "not mine" then stops sharing from that health
 * system at once (revoked at the EHR where it can be, as "Stop sharing" does).
 */
export async function answerWhoseRecord(me: ParticipantSession, connectionId: string, reply: WhoseRecordReply): Promise<"saved" | "stopped" | "not-found"> {
  if (!(await recordWhoseRecordAnswer(me, connectionId, reply))) return "not-found";
  log.info("connection.whose_record", { connectionId, answer: reply.answer });
  if (reply.answer !== "not-mine") return "saved";
  return (await stopSharing(me, connectionId)) === "stopped" ? "stopped" : "not-found";
}
