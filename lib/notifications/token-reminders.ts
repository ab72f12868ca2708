// Token expiry reminders (GitHub, GitLab): the owner of a token gets an e-mail 7 days and 1 day before it
// expires, each once, recorded per (token, stage, expiry) so a changed expiry is reminded afresh and several
// instances never send the same one twice. A token first seen within a day of its expiry gets the 1-day
// reminder only. Run by the outbox worker as a periodic task; nothing happens while e-mail is off.
import { db } from "../db.ts";
import { mailEnabled, mailOrigin } from "../mail/config.ts";
import { tokenReminderMail, type MailMessage } from "../mail/templates.ts";
import { enqueueDelivery, wakeOutbox } from "../outbox/events.ts";
import type { Delivery, SendOutcome } from "../outbox/types.ts";
import { EMAIL_KIND } from "../subscriptions/index.ts";

const DAY = 24 * 3600_000;
export const REMINDER_STAGES = [
  { stage: "1d", before: DAY },
  { stage: "7d", before: 7 * DAY },
] as const;

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/** The stage due for a token expiring at `expiresAt`: the nearest one it is within. */
export function dueStage(expiresAt: Date, now: Date): "1d" | "7d" | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  return REMINDER_STAGES.find((s) => left <= s.before)?.stage ?? null;
}

/** Queues the reminders now due (each once); returns how many were queued. */
export async function queueTokenExpiryReminders(now = new Date()): Promise<number> {
  if (!mailEnabled()) return 0;
  const tokens = await db.apiToken.findMany({
    where: { enabled: true, expiresAt: { gt: now, lte: new Date(now.getTime() + 7 * DAY) }, user: { active: true } },
    select: { id: true, userId: true, expiresAt: true, expiryReminders: { select: { stage: true, expiresAt: true } } },
    orderBy: { id: "asc" },
    take: 500,
  });
  let queued = 0;
  for (const token of tokens) {
    const expiresAt = token.expiresAt!;
    const stage = dueStage(expiresAt, now);
    if (!stage) continue;
    const given = (s: string) => token.expiryReminders.some((r) => r.stage === s && r.expiresAt.getTime() === expiresAt.getTime());
    if (given(stage)) continue;
    try {
      // The record and the mail in one transaction: both or neither. Another instance that recorded it
      // first makes this insert fail, and nothing is queued twice.
      await db.$transaction(async (tx) => {
        await tx.tokenExpiryReminder.create({ data: { tokenId: token.id, stage, expiresAt }, select: { tokenId: true } });
        // The 7-day reminder is moot once the 1-day one is given.
        if (stage === "1d" && !given("7d")) await tx.tokenExpiryReminder.create({ data: { tokenId: token.id, stage: "7d", expiresAt }, select: { tokenId: true } });
        await enqueueDelivery(tx, {
          kind: EMAIL_KIND,
          target: `user:${token.userId}`,
          payload: { template: "token_expiry", token_id: token.id, stage, expires_at: expiresAt.toISOString() },
          retryWindowMs: stage === "1d" ? DAY / 2 : 3 * DAY,
        });
      });
      queued++;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  if (queued) wakeOutbox();
  return queued;
}

function inWords(expiresAt: Date, now = new Date()): string {
  const hours = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 3600_000));
  if (hours < 36) return hours === 1 ? "in 1 hour" : `in ${hours} hours`;
  return `in ${Math.round(hours / 24)} days`;
}

/** Renders a reminder delivery, or the reason it is not sent (token gone, expiry changed, owner inactive). */
export async function tokenReminderDelivery(delivery: Delivery, siteName: string): Promise<{ to: string; message: MailMessage } | SendOutcome> {
  const tokenId = Number(delivery.payload.token_id);
  const expiresAt = new Date(String(delivery.payload.expires_at));
  const token = await db.apiToken.findUnique({
    where: { id: Number.isSafeInteger(tokenId) ? tokenId : 0 },
    select: { display: true, description: true, enabled: true, expiresAt: true, user: { select: { email: true, active: true } } },
  });
  if (!token || !token.enabled || !token.user.active) return { ok: false, error: "Not sent: the token was revoked or disabled, or its owner deactivated.", final: true };
  if (token.expiresAt?.getTime() !== expiresAt.getTime()) return { ok: false, error: "Not sent: the token's expiry changed since.", final: true };
  if (expiresAt.getTime() <= Date.now()) return { ok: false, error: "Not sent: the token has expired already.", final: true };
  return {
    to: token.user.email,
    message: tokenReminderMail({ siteName, tokenDisplay: token.display, description: token.description, expiresAt, inWords: inWords(expiresAt), profileUrl: `${mailOrigin()}/profile` }),
  };
}
