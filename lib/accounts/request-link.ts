import "server-only";
import { requestSignInLink } from "../data/sign-in-links";
import { AttemptWindow } from "../staff/rate-limit";
import { LINK_WINDOW_MS } from "./link-tokens";
import { sendLink } from "./send";

/** Link requests one client address may make per window (in this process), whatever the addresses. */
export const LINK_REQUESTS_PER_CLIENT = 10;
let perClient: AttemptWindow | undefined;
const clientWindow = () => (perClient ??= new AttemptWindow(LINK_REQUESTS_PER_CLIENT, LINK_WINDOW_MS));

/**
 * "Email me a sign-in link": the same answer for every address, enrolled or not ("sent": if it
 * belongs to a participant, a link is on its way). Limited per client address (this process) and
 * per address (every process, counted in the database, known addresses or not).
 */
export async function requestLink(email: string, clientKey: string): Promise<"sent" | "too-many"> {
  if (!clientWindow().take(clientKey)) return "too-many";
  const requested = await requestSignInLink(email);
  if (!requested.ok) return "too-many";
  if (requested.send) await sendLink(requested.send);
  return "sent";
}
