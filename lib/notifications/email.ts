// The outbox's "email" delivery kind: who gets an e-mail for an event (verified subscribers whose components
// it affects, or who chose all), and how one delivery is rendered and sent. Confirmation mails and token
// expiry reminders are deliveries of this kind too, enqueued without an event. Mails are rendered when sent,
// from the event's data and the recipient's current row, so a subscriber who left in between gets nothing.
import { db } from "../db.ts";
import { mailEnabled, mailOrigin } from "../mail/config.ts";
import { confirmationMail, notificationMail, type MailMessage } from "../mail/templates.ts";
import { sendMail } from "../mail/transport.ts";
import type { Delivery, DeliveryKind, OutboxEvent, SendOutcome, Target } from "../outbox/types.ts";
import { CONFIRM_LINK_HOURS, EMAIL_KIND, confirmCode, manageCode, subscribersFor, subscriberTarget, subscriptionLinks } from "../subscriptions/index.ts";
import { INCIDENT_STATUSES } from "../validation/incidents.ts";
import { tokenReminderDelivery } from "./token-reminders.ts";

/** What an event's mail says, and which components it concerns. */
interface Notice {
  heading: string;
  title: string;
  statusName: string;
  message: string;
  componentIds: number[];
  when: string | null;
  path: string;
  visible: boolean;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);
const obj = (v: unknown): Data | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Data) : null);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.map((x) => int(obj(x)?.id ?? x)).filter((x): x is number => x !== null) : []);
const incidentStatusName = (status: number | null) => (status === null ? "" : (INCIDENT_STATUSES[status as keyof typeof INCIDENT_STATUSES] ?? ""));

const INCIDENT_HEADINGS: Record<string, string> = {
  "incident.created": "New incident",
  "incident.updated": "Incident updated",
  "incident.resolved": "Incident resolved",
  "incident_update.created": "Incident update",
};
const MAINTENANCE_HEADINGS: Record<string, string> = {
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.started": "Maintenance started",
  "maintenance.completed": "Maintenance completed",
};

/** The event before this one about the same incident (its data holds the incident as it was then). */
async function previousIncidentEvent(event: Pick<OutboxEvent, "id">, incidentId: number) {
  const row = await db.outboxEvent.findFirst({
    where: { id: { lt: event.id }, type: { in: Object.keys(INCIDENT_HEADINGS) }, data: { contains: `"incident":{"id":${incidentId},` } },
    orderBy: { id: "desc" },
    select: { id: true, type: true, data: true },
  });
  if (!row) return null;
  try {
    return { id: row.id, type: row.type, incident: obj((JSON.parse(row.data) as Data).incident) };
  } catch {
    return { id: row.id, type: row.type, incident: null };
  }
}

/**
 * Whether subscribers hear about this incident event. An edit (`incident.updated`) is mailed only when it
 * changed the status or made the incident public; a resolution posted as an update is mailed once, by the
 * update's own event (both are written in one transaction, the update's just before).
 */
async function worthMailing(event: Pick<OutboxEvent, "id" | "type" | "data">, incidentId: number): Promise<{ mail: boolean; becamePublic: boolean }> {
  if (event.type !== "incident.updated" && event.type !== "incident.resolved") return { mail: true, becamePublic: false };
  const previous = await previousIncidentEvent(event, incidentId);
  if (event.type === "incident.resolved") return { mail: !(previous?.type === "incident_update.created" && event.id - previous.id <= 3), becamePublic: false };
  const now = obj(event.data.incident);
  if (!previous?.incident || !now) return { mail: true, becamePublic: false };
  const becamePublic = previous.incident.visible === false && now.visible === true;
  return { mail: becamePublic || previous.incident.status !== now.status, becamePublic };
}

/** The notice of an event subscribers hear about, or null (component status changes alone are not mailed). */
export async function noticeOf(event: Pick<OutboxEvent, "id" | "type" | "data" | "occurredAt">): Promise<Notice | null> {
  const data = event.data;
  if (event.type in INCIDENT_HEADINGS) {
    const update = event.type === "incident_update.created" ? (obj(data.incident_update) ?? obj(data.update) ?? data) : null;
    const incidentId = int(obj(data.incident)?.id) ?? (update ? int(update.incident_id) : int(data.id));
    if (incidentId === null) return null;
    // The incident as it is now: its name, component and visibility (a hidden one is never mailed).
    const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true, name: true, message: true, status: true, visible: true, componentId: true, occurredAt: true, scheduledAt: true } });
    if (!incident) return null;
    const { mail, becamePublic } = await worthMailing(event, incident.id);
    if (!mail) return null;
    const status = update ? (int(update.status) ?? incident.status) : incident.status;
    const scheduled = !update && incident.status === 0;
    return {
      heading: scheduled && (event.type === "incident.created" || becamePublic) ? "Maintenance scheduled" : becamePublic ? "New incident" : update && status === 4 ? "Incident resolved" : INCIDENT_HEADINGS[event.type],
      title: incident.name,
      statusName: incidentStatusName(status),
      message: update ? (str(update.message) ?? "") : incident.message,
      componentIds: incident.componentId === null ? [] : [incident.componentId],
      when: (scheduled ? incident.scheduledAt : null)?.toISOString() ?? (update ? event.occurredAt.toISOString() : incident.occurredAt.toISOString()),
      path: `/incidents/${incident.id}`,
      visible: incident.visible,
    };
  }
  if (event.type in MAINTENANCE_HEADINGS) {
    const m = obj(data.maintenance) ?? data;
    const id = int(m.id);
    if (id === null) return null;
    const start = str(m.scheduled_start) ?? str(m.starts_at);
    const end = str(m.scheduled_end) ?? str(m.ends_at);
    const status = event.type === "maintenance.scheduled" ? "Scheduled" : event.type === "maintenance.started" ? "In progress" : "Completed";
    const window = start && end ? `${start.slice(0, 16).replace("T", " ")} to ${end.slice(0, 16).replace("T", " ")} UTC` : "";
    const message = [str(m.message) ?? str(m.description) ?? "", window ? `Window: ${window}` : ""].filter(Boolean).join("\n\n");
    return {
      heading: MAINTENANCE_HEADINGS[event.type],
      title: str(m.name) ?? `Maintenance ${id}`,
      statusName: status,
      message,
      componentIds: ids(m.component_ids ?? m.components),
      when: event.type === "maintenance.completed" ? event.occurredAt.toISOString() : start,
      // Maintenance has no page of its own: upcoming and running windows are on `/`, past ones in the history.
      path: event.type === "maintenance.completed" ? "/history" : "/",
      visible: m.visible !== false,
    };
  }
  return null;
}

async function siteName(): Promise<string> {
  return (await db.settings.findUnique({ where: { id: 1 }, select: { siteName: true } }))?.siteName ?? "Beacon";
}

async function componentNames(componentIds: number[]): Promise<string[]> {
  if (componentIds.length === 0) return [];
  const rows = await db.component.findMany({ where: { id: { in: componentIds } }, select: { name: true }, orderBy: [{ order: "asc" }, { id: "asc" }] });
  return rows.map((r) => r.name);
}

const gone = (error: string): SendOutcome => ({ ok: false, error, final: true });

/** The subscriber a delivery is for, and whether it may receive it (verified, unless it is the confirmation). */
async function subscriberOf(delivery: Delivery) {
  const m = /^subscriber:(\d+)$/.exec(delivery.target);
  if (!m) return null;
  return db.subscriber.findUnique({ where: { id: Number(m[1]) }, select: { id: true, email: true, verifiedAt: true } });
}

async function render(delivery: Delivery): Promise<{ to: string; message: MailMessage } | SendOutcome> {
  const template = str(delivery.payload.template);
  if (template === "token_expiry") return tokenReminderDelivery(delivery, await siteName());
  const subscriber = await subscriberOf(delivery);
  if (!subscriber) return gone("Not sent: the subscriber no longer exists (unsubscribed or expired).");
  if (template === "confirm") {
    const expiresAt = int(delivery.payload.expires_at) ?? 0;
    if (Date.now() > expiresAt) return gone("Not sent: the confirmation link expired before it could be sent.");
    const chosen = ids(delivery.payload.component_ids);
    const code = confirmCode(subscriber, chosen, expiresAt);
    return {
      to: subscriber.email,
      message: confirmationMail({
        siteName: await siteName(),
        confirmUrl: subscriptionLinks(code).confirm,
        componentNames: await componentNames(chosen),
        alreadySubscribed: subscriber.verifiedAt !== null,
        validHours: CONFIRM_LINK_HOURS,
      }),
    };
  }
  if (!delivery.event) return gone("Not sent: nothing to say (no event, no template).");
  // Unverified subscribers never get notifications, even one fanned out just before a change.
  if (!subscriber.verifiedAt) return gone("Not sent: the subscriber has not confirmed.");
  const notice = await noticeOf(delivery.event);
  if (!notice || !notice.visible) return gone("Not sent: the incident or maintenance is no longer public.");
  const links = subscriptionLinks(manageCode(subscriber));
  return {
    to: subscriber.email,
    message: notificationMail({
      siteName: await siteName(),
      heading: notice.heading,
      title: notice.title,
      statusName: notice.statusName,
      message: notice.message,
      componentNames: await componentNames(notice.componentIds),
      when: notice.when,
      link: `${mailOrigin()}${notice.path}`,
      manageUrl: links.manage,
      unsubscribeUrl: links.unsubscribe,
    }),
  };
}

export const EMAIL_DELIVERY: DeliveryKind = {
  kind: EMAIL_KIND,
  /** One target per verified subscriber concerned; nothing at all while e-mail is off (nothing queued to be lost). */
  async targets(event: OutboxEvent): Promise<Target[]> {
    if (!mailEnabled()) return [];
    const notice = await noticeOf(event);
    if (!notice || !notice.visible) return [];
    return (await subscribersFor(notice.componentIds)).map((s) => ({ target: subscriberTarget(s.id) }));
  },
  async send(delivery: Delivery): Promise<SendOutcome> {
    if (!mailEnabled()) return { ok: false, error: "E-mail is off (BEACON_SMTP_URL is not set); retried once it is configured." };
    const rendered = await render(delivery);
    if ("ok" in rendered) return rendered;
    // The delivery's stable id makes the Message-ID, so a retried send is recognisably the same mail.
    await sendMail(rendered.to, rendered.message, `<${delivery.messageId}@${new URL(mailOrigin()).hostname}>`);
    return { ok: true };
  },
};
