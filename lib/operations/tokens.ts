// /api/v1/tokens: API tokens, many per user, shown once, stored only as a keyed digest.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { RevokedOut } from "../openapi/schemas.ts";
import { createTokenFor, deleteToken, getToken, listTokens, refreshToken, revokeKeys, selfTokenId, updateToken } from "../tokens/manage.ts";
import { TokenCreate, TokenFilters, TokenOut, TokenPatch, TokenRefresh, TokenRevoke } from "../validation/tokens.ts";
import { NO_CONTENT, list } from "./shared.ts";

export const Token = named("Token", TokenOut);
const tokens = { tag: "Tokens", resource: "tokens" } as const;
const COLLECTION = "/api/v1/tokens";
const DETAIL = "/api/v1/tokens/{id}";
const SELF = "/api/v1/tokens/self";

export const TOKENS = {
  list: operation({
    ...tokens, method: "GET", path: COLLECTION, operationId: "listTokens", summary: "List API tokens", description: "Your own tokens; with `users:read`, everyone's.",
    query: TokenFilters, responses: { 200: list(Token) },
    list: ({ principal, query, page }) => listTokens(principal, query, page),
  }),
  create: operation({
    ...tokens, method: "POST", path: COLLECTION, operationId: "createToken", summary: "Create an API token",
    description: "The answer carries the plaintext `key`, which no later response shows. A token never exceeds the credential that made it.",
    body: body({ TokenCreate }), responses: { 201: Token },
    run: async ({ principal, body }) => created(await createTokenFor(principal, body)),
  }),
  get: operation({
    ...tokens, method: "GET", path: DETAIL, operationId: "getToken", summary: "Read an API token", responses: { 200: Token },
    run: async ({ principal, params }) => ok(await getToken(principal, parseId(params.id))),
  }),
  update: operation({
    ...tokens, method: "PATCH", path: DETAIL, operationId: "updateToken", summary: "Change an API token",
    body: body({ TokenPatch }), responses: { 200: Token },
    run: async ({ principal, params, body }) => ok(await updateToken(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...tokens, method: "DELETE", path: DETAIL, operationId: "deleteToken", summary: "Revoke an API token", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteToken(principal, parseId(params.id));
      return noContent();
    },
  }),
  refresh: operation({
    ...tokens, method: "POST", path: "/api/v1/tokens/{id}/refresh", operationId: "refreshToken", summary: "Give a token a new key",
    description: "Same settings, new `key` (in this answer only). The old key fails once the answer is sent, or after `grace_seconds` (at most 86400).",
    body: body({ TokenRefresh }), responses: { 200: Token },
    run: async ({ principal, params, body }) => ok(await refreshToken(principal, parseId(params.id), body.grace_seconds ?? 0)),
  }),
  getSelf: operation({
    tag: "Tokens", method: "GET", path: SELF, operationId: "getSelfToken", requireUser: true, summary: "Read the token this request uses", responses: { 200: Token },
    run: async ({ principal }) => ok(await getToken(principal, selfTokenId(principal))),
  }),
  // A script revokes its own leaked token, even a read-only one.
  deleteSelf: operation({
    tag: "Tokens", method: "DELETE", path: SELF, operationId: "deleteSelfToken", requireUser: true, allowReadOnlyToken: true,
    summary: "Revoke the token this request uses", description: "For a script whose key leaked; a read-only token may do it.", responses: NO_CONTENT,
    run: async ({ principal }) => {
      await deleteToken(principal, selfTokenId(principal), "token.self_revoke");
      return noContent();
    },
  }),
  revokeKeys: operation({
    tag: "Tokens", method: "POST", path: "/api/v1/tokens/revoke", operationId: "revokeTokenKeys", open: true, allowReadOnlyToken: true,
    summary: "Revoke leaked keys", description: "Revokes every valid key listed and answers how many, never which. Keys that match no live token count as invalid tokens (60 per IP per minute, then 429).",
    body: body({ TokenRevoke }), responses: { 200: named("RevokeResult", RevokedOut) },
    run: async ({ principal, body }) => ok({ revoked: await revokeKeys(principal, body.keys) }),
  }),
};
