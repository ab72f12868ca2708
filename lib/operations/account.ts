// Who am I, trading a password for a token, and the audit log: what a signed-in user asks about themselves.
import { body, named, operation } from "../api/operation.ts";
import { created, ok } from "../api/respond.ts";
import { SelfOut } from "../openapi/schemas.ts";
import { provisionToken } from "../tokens/provision.ts";
import { listAudit } from "../users/audit.ts";
import { describeSelf } from "../users/self.ts";
import { AuditEventOut, AuditFilters } from "../validation/audit.ts";
import { TokenProvision } from "../validation/tokens.ts";
import { list } from "./shared.ts";
import { Token } from "./tokens.ts";

export const ACCOUNT = {
  self: operation({
    tag: "Authentication", method: "GET", path: "/api/v1/user/self", operationId: "getSelf", requireUser: true, summary: "Who am I",
    description: "The user, how this request authenticated, the token used and the effective permissions.", responses: { 200: named("Self", SelfOut) },
    run: async ({ principal }) => ok(await describeSelf(principal)),
  }),
  provisionToken: operation({
    tag: "Authentication", method: "POST", path: "/api/v1/auth/token", operationId: "provisionToken", open: true,
    summary: "Trade an e-mail and password for a new token",
    description: "`username` is an alias of `email`. Throttled like Basic authentication. The answer carries the new `key`.",
    body: body({ TokenProvision }), responses: { 201: Token },
    run: async ({ principal, body }) => created(await provisionToken(principal, body)),
  }),
  audit: operation({
    tag: "Audit", method: "GET", path: "/api/v1/audit", operationId: "listAuditEvents", requireUser: true, summary: "List audit events",
    description: "Events you caused or that concern you; with `users:read`, all of them.",
    query: AuditFilters, responses: { 200: list(named("AuditEvent", AuditEventOut)) },
    list: ({ principal, query, page }) => listAudit(principal, query, page),
  }),
};
