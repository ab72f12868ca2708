// /api/v1/subscriptions: anonymous self-service e-mail subscriptions with double opt-in. Open to everyone,
// even when no public API role is set (a visitor subscribing needs no account); the signed `code` of a
// link is the only credential of confirm, preferences and unsubscribe.
import { body, named, operation } from "../api/operation.ts";
import { ok } from "../api/respond.ts";
import {
  ACCEPTED_DETAIL,
  CONFIRM_LINK_HOURS,
  confirmSubscription,
  requestSubscription,
  unsubscribe,
  updateSubscription,
} from "../subscriptions/index.ts";
import { SubscriptionAccepted, SubscriptionConfirm, SubscriptionManage, SubscriptionOut, SubscriptionPreferences, SubscriptionRequest } from "../validation/subscriptions.ts";

const subscriptions = { tag: "Subscriptions", open: true } as const;
const Subscription = named("Subscription", SubscriptionOut);
const Detail = named("SubscriptionDetail", SubscriptionAccepted);

export const SUBSCRIPTIONS = {
  subscribe: operation({
    ...subscriptions, method: "POST", path: "/api/v1/subscriptions", operationId: "subscribe", summary: "Subscribe to e-mail notifications",
    description:
      `Sends a confirmation e-mail with a link that works for ${CONFIRM_LINK_HOURS} hours; nothing else is sent until it is opened. ` +
      "`component_ids` (public components) narrows the notifications to incidents and maintenance affecting them; none means all. " +
      "The answer is the same whether or not the address was known. At most 20 requests per IP and 3 per address an hour (then 429). " +
      "503 when this server has no mail server configured (`BEACON_SMTP_URL`).",
    body: body({ SubscriptionRequest }), responses: { 202: Detail },
    run: async ({ principal, body }) => {
      await requestSubscription(body, principal.ip);
      return { status: 202, body: { detail: ACCEPTED_DETAIL } };
    },
  }),
  confirm: operation({
    ...subscriptions, method: "POST", path: "/api/v1/subscriptions/confirm", operationId: "confirmSubscription", summary: "Confirm a subscription",
    description: "`code` is the `code` parameter of the confirmation link. Verifies the subscriber with the components chosen when subscribing. A link that was altered, expired or belongs to a removed subscriber is a 400 on `code`.",
    body: body({ SubscriptionConfirm }), responses: { 200: Subscription },
    run: async ({ body }) => {
      const { manage_code: _manage, ...subscription } = await confirmSubscription(body.code);
      return ok(subscription);
    },
  }),
  preferences: operation({
    ...subscriptions, method: "PUT", path: "/api/v1/subscriptions/preferences", operationId: "updateSubscription", summary: "Change the components of a subscription",
    description: "`code` is the `code` parameter of the manage link in every notification. `component_ids`: the components to hear about; empty means all.",
    body: body({ SubscriptionPreferences }), responses: { 200: Subscription },
    run: async ({ body }) => ok(await updateSubscription(body.code, body.component_ids)),
  }),
  unsubscribe: operation({
    ...subscriptions, method: "POST", path: "/api/v1/subscriptions/unsubscribe", operationId: "unsubscribe", summary: "Unsubscribe",
    description: "`code` is the `code` parameter of the manage link. Removes the subscriber; no more e-mail is sent. Mail clients' one-click unsubscribe (RFC 8058) posts to `/subscribe/unsubscribe?code=…` instead.",
    body: body({ SubscriptionManage }), responses: { 200: Detail },
    run: async ({ body }) => {
      await unsubscribe(body.code);
      return ok({ detail: "You are unsubscribed. No more e-mails will be sent to you." });
    },
  }),
};
