import nodemailer from "nodemailer";
import type { EmailContent } from "../data/emails";

/**
 * Sending one message over SMTP (nodemailer), bounded in time: a server that does not answer
 * fails the attempt after a few seconds and the message waits for its next attempt. `smtp://`
 * upgrades with STARTTLS when the server offers it; `smtps://` is TLS from the start.
 */
export type SendMail = (content: EmailContent) => Promise<void>;

export type MailTransport = { send: SendMail; close(): void };

export function createMailTransport(smtpUrl: string, from: string, timeoutMs = 10_000): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(content) {
      const info = await transporter.sendMail({
        from,
        to: content.to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        ...(content.headers && { headers: content.headers }),
      });
      if (info.rejected.length > 0) throw Object.assign(new Error("The mail server refused the address."), { responseCode: 550 });
    },
    close: () => transporter.close(),
  };
}
