// E-mail configuration: BEACON_SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS) and BEACON_MAIL_FROM.
// Without a usable BEACON_SMTP_URL e-mail is off: nobody can subscribe and nothing is queued. Read on every
// call, so tests and the setup command can change it before use.
import { configuredPublicOrigin } from "../config.ts";

let warnedAbout: string | null = null;

/** The SMTP URL when it is one nodemailer can use (smtp: or smtps: with a host), else null (e-mail off). */
export function smtpUrl(): string | null {
  const raw = process.env.BEACON_SMTP_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if ((url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname) return raw;
  } catch {
    // reported below, without echoing the value (it may carry a password)
  }
  if (warnedAbout !== raw) {
    warnedAbout = raw;
    console.warn("Beacon: BEACON_SMTP_URL is not an smtp:// or smtps:// URL with a host; e-mail is off.");
  }
  return null;
}

export function mailEnabled(): boolean {
  return smtpUrl() !== null;
}

/** The origin links in e-mails point to: the configured public URL, never a request's Host (link poisoning). */
export function mailOrigin(): string {
  const configured = configuredPublicOrigin();
  if (configured) return configured;
  try {
    return new URL(process.env.NEXTAUTH_URL || "").origin;
  } catch {
    return "http://localhost:3000";
  }
}

/** The From address: BEACON_MAIL_FROM, else `Beacon <beacon@HOST>` for the public URL's host. */
export function mailFrom(): string {
  const configured = process.env.BEACON_MAIL_FROM?.trim();
  if (configured) return configured;
  const host = new URL(mailOrigin()).hostname;
  return `Beacon <beacon@${host.includes(".") ? host : `${host}.localdomain`}>`;
}
