// Sending one message over SMTP with nodemailer. Callers never call this from a request: every message
// goes through the outbox, whose worker calls sendMail and retries on failure.
import nodemailer, { type Transporter } from "nodemailer";
import { mailFrom, smtpUrl } from "./config.ts";
import type { MailMessage } from "./templates.ts";

const holder = globalThis as unknown as { __beaconMail?: { url: string; transport: Transporter } };

function transport(): Transporter {
  const url = smtpUrl();
  if (!url) throw new Error("E-mail is off: BEACON_SMTP_URL is not set.");
  if (holder.__beaconMail?.url !== url) {
    holder.__beaconMail?.transport.close();
    // Short time-outs: a stalled SMTP server makes the worker retry later instead of hanging.
    holder.__beaconMail = { url, transport: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  }
  return holder.__beaconMail.transport;
}

export interface SentMail {
  messageId: string;
}

/** Sends the message; throws when the server refuses it or cannot be reached (the worker then retries). */
export async function sendMail(to: string, message: MailMessage, messageId?: string): Promise<SentMail> {
  const info = await transport().sendMail({
    from: mailFrom(),
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    // A stable Message-ID per outbox delivery: a retried send is recognisably the same message.
    ...(messageId ? { messageId } : {}),
  });
  return { messageId: info.messageId };
}

/** Closes the pooled connection, if any (tests and shutdown). */
export function closeMail(): void {
  holder.__beaconMail?.transport.close();
  holder.__beaconMail = undefined;
}
