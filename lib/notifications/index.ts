// Every way Beacon notifies, and the worker that sends them all: the one list of the outbox's delivery
// kinds (add a kind here), and the start hook that server.ts calls in every instance.
import { startOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from "../outbox/worker.ts";
import type { DeliveryKind } from "../outbox/types.ts";
import { WEBHOOK_KIND } from "../webhooks/kind.ts";
import { recordMaintenanceTransitions } from "../maintenance/events.ts";
import { EMAIL_DELIVERY } from "./email.ts";
import { EMAIL_TASKS } from "./email-tasks.ts";

export const DELIVERY_KINDS: readonly DeliveryKind[] = [WEBHOOK_KIND, EMAIL_DELIVERY];

/** Periodic jobs of the worker (maintenance windows opening and closing; token expiry reminders, purging unconfirmed subscribers). */
export const NOTIFICATION_TASKS: readonly (() => Promise<void>)[] = [
  async () => {
    await recordMaintenanceTransitions();
  },
  ...EMAIL_TASKS,
];

/** Starts this instance's outbox worker; stop it on shutdown (it finishes the sends under way). */
export function startNotifications(options: Omit<OutboxWorkerOptions, "kinds" | "tasks"> = {}): OutboxWorker {
  return startOutboxWorker({ kinds: DELIVERY_KINDS, tasks: NOTIFICATION_TASKS, ...options });
}
