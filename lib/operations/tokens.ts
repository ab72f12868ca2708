// /api/v1/tokens: API tokens, many per user, shown once, stored only as a keyed digest.
import { body, named, operation } from "../api/operation.ts";
import { noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { RevokedOut } from "../openapi/schemas.ts";
import { createTokenFor, deleteToken, getToken, listTokens, refreshToken, revokeKeys, selfTokenId, updateToken } from "../tokens/manage.ts";
import { TokenCreate, TokenFilters, TokenOut, TokenPatch, TokenRefresh, TokenRevoke } from "../validation/tokens.ts";
import { resource } from "./resource.ts";
import { NO_CONTENT } from "./shared.ts";

export const Token = named("Token", TokenOut);
const tokens = { tag: "Tokens", resource: "tokens" } as const;
const SELF = "/api/v1/tokens/self";

export const TOKENS = {
  ...resource(
    { ...tokens, path: "/api/v1/tokens", name: "Token", noun: "an API token" },
    { out: TokenOut, filters: TokenFilters, input: body({ TokenCreate }), patch: body({ TokenPatch }) },
    { list: listTokens, create: createTokenFor, get: getToken, update: updateToken, remove: deleteToken },
    {
      list: { description: "Your own tokens; with `users:read`, everyone's." },
      create: { description: "The answer carries the plaintext `key`, which no later response shows. A token never exceeds the credential that made it." },
      replace: false,
      update: { summary: "Change an API token" },
      delete: { summary: "Revoke an API token" },
    },
  ),
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
