// The API's response shapes for the browser, inferred from the schemas the API itself is checked against.
import type { z } from "zod";
import type { TokenOut } from "../validation/tokens.ts";
import type { AuditEventOut } from "../validation/audit.ts";
import type { UserCreatedOut } from "../validation/users.ts";
import type { describeSelf } from "../users/self.ts";

export type { UserOut as User } from "../validation/users.ts";
export type { RoleOut as Role } from "../validation/roles.ts";
export type { SettingsOut as Settings } from "../validation/settings.ts";
export type Token = z.infer<typeof TokenOut>;
export type CreatedUser = z.infer<typeof UserCreatedOut>;
export type Self = Awaited<ReturnType<typeof describeSelf>>;
export type { WebhookOut as Webhook, DeliveryOut as WebhookDelivery } from "../validation/webhooks.ts";
export type AuditEvent = z.infer<typeof AuditEventOut>;
