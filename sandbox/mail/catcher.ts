/**
 * The sandbox's mail catcher: an SMTP server on the loopback interface that accepts every
 * message (no sign-in, no TLS), parses it and keeps it in memory, newest first, for developers
 * (the inbox page) and tests (JSON). A fault makes it refuse connections for a while ("down": a
 * 421 greeting, which a sender retries) or bounce recipients ("bounce": 550, final).
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";
import { simpleParser } from "mailparser";

export type CaughtMail = {
  id: number;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Header names lower-cased; a header given twice keeps the last. */
  headers: Record<string, string>;
  /** Every http(s) address in the text and in the HTML's href attributes, in order, once each. */
  links: string[];
  date: string;
};

export type MailFault = { mode: "down" | "bounce"; /** Only for these recipients (bounce). */ to?: string; /** How many times it fires (default: until cleared). */ count?: number };

export type MailCatcher = {
  port: number;
  /** Newest first; only those to `to` when given (case-insensitive). */
  messages(to?: string): CaughtMail[];
  clear(): void;
  setFault(fault: MailFault | null): void;
  close(): Promise<void>;
};

const MAX_MESSAGES = 1_000;
const MAX_SIZE = 5 * 1024 * 1024;

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export function linksIn(text: string, html: string): string[] {
  const found = [...text.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0]);
  const hrefs = [...html.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  return [...new Set([...hrefs, ...found])];
}

export async function startMailCatcher(options: { port?: number; host?: string } = {}): Promise<MailCatcher> {
  let messages: CaughtMail[] = [];
  let nextId = 1;
  let fault: MailFault | null = null;
  const fire = (mode: MailFault["mode"], to?: string): boolean => {
    if (!fault || fault.mode !== mode) return false;
    if (to !== undefined && fault.to && fault.to.toLowerCase() !== to.toLowerCase()) return false;
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) fault = null;
    }
    return true;
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_SIZE,
    banner: "sandbox mail catcher",
    logger: false,
    onConnect(_session: SMTPServerSession, callback: (error?: Error | null) => void) {
      if (fire("down")) return callback(smtpError("Service not available, try again later", 421));
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      if (fire("bounce", address.address)) return callback(smtpError(`No such mailbox: ${address.address}`, 550));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
          const text = parsed.text ?? "";
          const html = typeof parsed.html === "string" ? parsed.html : "";
          const from = parsed.from?.text ?? String((session.envelope.mailFrom || { address: "" }).address);
          messages.unshift({
            id: nextId++,
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from,
            subject: parsed.subject ?? "",
            text,
            html,
            headers,
            links: linksIn(text, html),
            date: (parsed.date ?? new Date()).toISOString(),
          });
          if (messages.length > MAX_MESSAGES) messages.length = MAX_MESSAGES;
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  server.on("error", () => {}); // a client dropping its connection is not the catcher's problem

  const port = await new Promise<number>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });

  return {
    port,
    messages: (to) => (to ? messages.filter((m) => m.to.includes(to.toLowerCase())) : [...messages]),
    clear: () => {
      messages = [];
    },
    setFault: (f) => {
      fault = f && { ...f };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
