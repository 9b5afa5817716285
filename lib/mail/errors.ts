/**
 * An SMTP failure in plain words (what staff read on the participant's page), and whether it is
 * worth another attempt: the server refusing the message or the address (a 5xx answer) is final;
 * a server that is down, slow or busy (4xx) is tried again later.
 */
export type MailFailure = { words: string; permanent: boolean };

type SmtpError = { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

const CONNECTION_WORDS: Record<string, string> = {
  ECONNREFUSED: "The mail server could not be reached (connection refused).",
  ECONNRESET: "The mail server closed the connection.",
  ETIMEDOUT: "The mail server did not answer in time.",
  ENOTFOUND: "The mail server's name could not be found.",
  EDNS: "The mail server's name could not be found.",
  ESOCKET: "The connection to the mail server failed.",
  ECONNECTION: "The connection to the mail server failed.",
  ETLS: "The secure connection to the mail server failed.",
  EAUTH: "The mail server refused the study's sign-in.",
};

const firstLine = (value: unknown) => String(value ?? "").split("\n")[0]!.slice(0, 200);

export function describeMailFailure(error: unknown): MailFailure {
  const e = (error ?? {}) as SmtpError;
  const status = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const answer = firstLine(e.response ?? e.message);
  if (status !== undefined && status >= 500) return { words: `The mail server refused the message (${answer || status}).`, permanent: true };
  if (status !== undefined && status >= 400) return { words: `The mail server asked to try later (${answer || status}).`, permanent: false };
  const code = typeof e.code === "string" ? e.code : "";
  const nested = (/\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND)\b/.exec(String(e.message ?? "")) ?? [])[1];
  const words = CONNECTION_WORDS[nested ?? ""] ?? CONNECTION_WORDS[code];
  if (words) return { words, permanent: false };
  return { words: `Sending failed: ${firstLine(e.message) || "unknown error"}.`, permanent: false };
}
