// The e-mails Beacon sends, each as plain text and HTML. Everything that comes from users (site name,
// incident names, messages) is escaped in the HTML; incident messages are Markdown, rendered by the same
// safe renderer as the status page (raw HTML shown as text, only http(s)/mailto links).
import { renderMarkdown } from "../markdown.ts";

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Subjects are one line: a name with a newline must not add a header. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").trim();

function layout(siteName: string, body: string, footer = ""): string {
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(siteName)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f1f5f9;color:#0f172a;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">',
    `<p style="margin:0 0 16px;font-weight:600;color:#334155">${escapeHtml(siteName)}</p>`,
    body,
    "</div>",
    footer ? `<p style="max-width:560px;margin:16px auto 0;color:#475569;font-size:13px">${footer}</p>` : "",
    "</body></html>",
  ].join("\n");
}

const button = (href: string, label: string) =>
  `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600">${escapeHtml(label)}</a></p>`;

const componentsLine = (names: string[] | null) => (names && names.length > 0 ? names.join(", ") : "all components");

export interface ConfirmationMail {
  siteName: string;
  confirmUrl: string;
  /** The chosen components' names; null or empty for all. */
  componentNames: string[] | null;
  /** The address was already a verified subscriber: confirming changes their components. */
  alreadySubscribed: boolean;
  validHours: number;
}

export function confirmationMail(m: ConfirmationMail): MailMessage {
  const what = componentsLine(m.componentNames);
  const intro = m.alreadySubscribed
    ? `You are already subscribed to status updates from ${m.siteName}. Confirm to receive updates about ${what} from now on.`
    : `Someone, hopefully you, asked to receive status updates from ${m.siteName} about ${what} at this address.`;
  const action = m.alreadySubscribed ? "Confirm the change" : "Confirm your subscription";
  const ignore = `The link works for ${m.validHours} hours. If you did not ask for this, ignore this e-mail: nothing will be sent to you.`;
  return {
    subject: oneLine(`${m.alreadySubscribed ? "Confirm the change to" : "Confirm"} your subscription to ${m.siteName}`),
    text: `${intro}\n\n${action}:\n${m.confirmUrl}\n\n${ignore}\n`,
    html: layout(m.siteName, `<p>${escapeHtml(intro)}</p>${button(m.confirmUrl, action)}<p style="color:#475569">${escapeHtml(ignore)}</p>`),
  };
}

export interface NotificationMail {
  siteName: string;
  /** "New incident", "Incident update", "Incident resolved", "Maintenance scheduled", … */
  heading: string;
  title: string;
  statusName: string;
  /** Markdown. */
  message: string;
  componentNames: string[];
  /** When it happened or is scheduled, ISO-8601. */
  when: string | null;
  link: string;
  manageUrl: string;
  /** The RFC 8058 one-click URL (POST unsubscribes). */
  unsubscribeUrl: string;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function notificationMail(m: NotificationMail): MailMessage {
  const components = m.componentNames.length > 0 ? `Affected: ${m.componentNames.join(", ")}` : "";
  const when = m.when ? utc(m.when) : "";
  const details = [`Status: ${m.statusName}`, when ? `Time: ${when}` : "", components].filter(Boolean);
  const text = [
    `${m.heading}: ${m.title}`,
    "",
    ...details,
    "",
    m.message.trim(),
    "",
    `Details: ${m.link}`,
    "",
    "--",
    `You receive this because you subscribed to ${m.siteName} status updates.`,
    `Manage or unsubscribe: ${m.manageUrl}`,
    "",
  ].join("\n").replace(/\n{3,}/g, "\n\n");
  const html = layout(
    m.siteName,
    [
      `<p style="margin:0;color:#475569;font-size:13px;text-transform:uppercase;letter-spacing:.04em">${escapeHtml(m.heading)}</p>`,
      `<h1 style="margin:4px 0 12px;font-size:20px">${escapeHtml(m.title)}</h1>`,
      `<p style="margin:0 0 12px;color:#334155">${details.map(escapeHtml).join("<br>")}</p>`,
      m.message.trim() ? `<div>${renderMarkdown(m.message)}</div>` : "",
      button(m.link, "View on the status page"),
    ].join("\n"),
    `You receive this because you subscribed to ${escapeHtml(m.siteName)} status updates. <a href="${escapeHtml(m.manageUrl)}" style="color:#1d4ed8">Manage or unsubscribe</a>.`,
  );
  return {
    subject: oneLine(`[${m.siteName}] ${m.heading}: ${m.title}`),
    text,
    html,
    headers: { "List-Unsubscribe": `<${m.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

export interface TokenReminderMail {
  siteName: string;
  tokenDisplay: string;
  description: string;
  expiresAt: Date;
  /** "in 7 days", "tomorrow" */
  inWords: string;
  profileUrl: string;
}

export function tokenReminderMail(m: TokenReminderMail): MailMessage {
  const name = m.description ? `"${m.description}" (${m.tokenDisplay})` : m.tokenDisplay;
  const line = `Your API token ${name} on ${m.siteName} expires ${m.inWords}, at ${utc(m.expiresAt.toISOString())}.`;
  const todo = "Scripts using it will then get 401 Token expired. To keep them working, create a new token (or refresh this one) on your profile page.";
  return {
    subject: oneLine(`[${m.siteName}] Your API token ${m.tokenDisplay} expires ${m.inWords}`),
    text: `${line}\n\n${todo}\n${m.profileUrl}\n`,
    html: layout(m.siteName, `<p>${escapeHtml(line)}</p><p>${escapeHtml(todo)}</p>${button(m.profileUrl, "Open your profile")}`),
  };
}
