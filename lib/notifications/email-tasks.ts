// The e-mail side's periodic jobs, run by the outbox worker before its passes: token expiry reminders and
// the purge of subscribers who never confirmed. Each at most every 10 minutes per instance (the first at
// start); both are safe to run in several instances at once.
import { purgeUnconfirmed } from "../subscriptions/index.ts";
import { queueTokenExpiryReminders } from "./token-reminders.ts";

const EVERY_MS = 10 * 60_000;

function atMostEvery(ms: number, job: () => Promise<unknown>): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    if (Date.now() - last < ms) return;
    last = Date.now();
    await job();
  };
}

export const EMAIL_TASKS: readonly (() => Promise<void>)[] = [atMostEvery(EVERY_MS, () => queueTokenExpiryReminders()), atMostEvery(EVERY_MS, () => purgeUnconfirmed())];
