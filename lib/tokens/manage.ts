// The token lifecycle (API.md §3): who may manage which tokens, and the rule that a token created,
// refreshed or changed through a token never exceeds that token (write flag, scopes, IPs, expiry).
import { db, type Prisma } from "../db.ts";
import { ApiError, DETAIL, conflict, notFound, validationError, forbidden, type FieldErrors } from "../errors.ts";
import { pagedQuery, type PageWindow } from "../db/paged.ts";
import { visibleById } from "../db/visible.ts";
import { auditActor, signedIn, type Principal, type PrincipalUser } from "../auth/principal.ts";
import { digestKey, displayKey, generateKey, isPlausibleKey, suppliedKeyProblem } from "../auth/keys.ts";
import { effectivePermissions, isAdmin, isAdminRole, permissionListColumn, type Permission } from "../auth/permissions.ts";
import { assertMayGrant } from "../roles/index.ts";
import { cidrWithin } from "../net.ts";
import { recordAudit } from "../audit/index.ts";
import { UNIQUE } from "../db/unique.ts";
import { noteAttack } from "../audit/attacks.ts";
import { countInvalidToken, forgiveInvalidToken } from "../auth/throttle.ts";
import { createToken, serializeToken, tokenSelect, type TokenRow } from "./index.ts";
import { stringListColumn } from "../lists.ts";
import type { z } from "../validation/common.ts";
import type { TokenCreate, TokenFilters, TokenPatch } from "../validation/tokens.ts";

/** The settings a token ends up with, compared against the credential that asked for them. */
export interface TokenLimits {
  writeEnabled: boolean;
  scopes: Permission[];
  allowedIps: string[];
  expiresAt: Date | null;
}

function limitsOf(t: TokenRow): TokenLimits {
  return { writeEnabled: t.writeEnabled, scopes: permissionListColumn.decode(t.scopes), allowedIps: stringListColumn.decode(t.allowedIps), expiresAt: t.expiresAt };
}

/** What the requested settings exceed of the credential's, as field errors (empty when within). */
function excess(requested: TokenLimits, credential: TokenLimits): FieldErrors {
  const errors: FieldErrors = {};
  if (requested.writeEnabled && !credential.writeEnabled) errors.write_enabled = ["A read-only token cannot grant write access."];
  if (credential.scopes.length > 0) {
    const extra = requested.scopes.length === 0 ? ["all permissions"] : requested.scopes.filter((s) => !credential.scopes.includes(s));
    if (extra.length) errors.scopes = [`The token making this request is limited to ${credential.scopes.join(", ")}; it cannot grant ${extra.join(", ")}.`];
  }
  if (credential.allowedIps.length > 0) {
    const outside = requested.allowedIps.length === 0 ? ["any address"] : requested.allowedIps.filter((c) => !cidrWithin(c, credential.allowedIps));
    if (outside.length) errors.allowed_ips = [`The token making this request is limited to ${credential.allowedIps.join(", ")}; it cannot allow ${outside.join(", ")}.`];
  }
  if (credential.expiresAt && (!requested.expiresAt || requested.expiresAt > credential.expiresAt)) {
    errors.expires_at = [`The token making this request expires at ${credential.expiresAt.toISOString()}; a token it makes cannot outlive it.`];
  }
  return errors;
}

function credentialLimits(principal: Principal): TokenLimits | null {
  const t = principal.token;
  return t ? { writeEnabled: t.writeEnabled, scopes: t.scopes, allowedIps: t.allowedIps, expiresAt: t.expiresAt } : null;
}

/** A key replaced by a refresh (inside its grace window) only keeps scripts running: it manages nothing. */
function assertNotGraceKey(principal: Principal): void {
  if (principal.token?.viaGraceKey) {
    throw new ApiError(403, "This key was replaced by a refresh; use the new key to manage tokens.");
  }
}

function assertWithinCredential(principal: Principal, requested: TokenLimits): void {
  assertNotGraceKey(principal);
  const limits = credentialLimits(principal);
  if (!limits) return;
  const errors = excess(requested, limits);
  if (Object.keys(errors).length) throw new ApiError(403, "A token cannot create or change a token more powerful than itself.", { errors });
}


/** Scopes are a subset of the owner's permissions (API.md §3): anything else could never be used. */
function assertScopesWithinRole(scopes: Permission[], rolePermissions: Permission[]): void {
  const allowed = new Set(rolePermissions);
  const extra = scopes.filter((s) => !allowed.has(s));
  if (extra.length) throw validationError({ scopes: [`The token's user does not have ${extra.join(", ")}.`] });
}

const ownerSelect = { canManageTokens: true, role: { select: { name: true, permissions: true } } } satisfies Prisma.UserSelect;

/** A token's owner as the rules below see them: may they manage tokens, and what their role grants. */
async function findTokenOwner(id: number) {
  const row = await db.user.findUnique({ where: { id }, select: ownerSelect });
  return row && { canManageTokens: row.canManageTokens, role: { name: row.role.name, permissions: permissionListColumn.decode(row.role.permissions) } };
}

type TokenOwner = NonNullable<Awaited<ReturnType<typeof findTokenOwner>>>;

/** The owner of a token the principal may see (the token's row has gone with them when null: a 404). */
async function ownerOf(token: TokenRow): Promise<TokenOwner> {
  const owner = await findTokenOwner(token.userId);
  if (!owner) throw notFound();
  return owner;
}

const MANAGE_OTHERS_TOKEN = {
  missing: (list: string) => `This token would grant permissions you do not have: ${list}.`,
  admin: "Only Admins may manage an Admin's tokens.",
};

/**
 * A token of another user whose key the principal gets (made or refreshed) or whose reach it widens
 * may grant no more than the principal holds (what the owner's role allows, narrowed by the token's
 * scopes and write flag), and an Admin's tokens are only Admins' business. One's own tokens are bound
 * by the owner's role and the credential's limits already.
 */
function assertOthersTokenWithin(principal: Principal & { user: PrincipalUser }, ownerId: number, owner: TokenOwner, limits: TokenLimits): void {
  if (ownerId === principal.user.id) return;
  const granted = effectivePermissions(owner.role.permissions, limits);
  assertMayGrant(principal, { permissions: granted, admin: isAdminRole(owner.role) }, "non_field_errors", MANAGE_OTHERS_TOKEN);
}

/** May this principal manage (create, refresh, change) tokens of `ownerId`? Throws 403/404 otherwise. */
function assertMayManage(principal: Principal & { user: PrincipalUser }, ownerId: number, owner: { canManageTokens: boolean }): void {
  if (ownerId !== principal.user.id) {
    if (!isAdmin(principal)) throw notFound();
    return;
  }
  if (!owner.canManageTokens) throw new ApiError(403, DETAIL.noTokenManagement);
}

/** The tokens a principal may see: their own; admins see everyone's. */
export function tokensVisibleTo(anyPrincipal: Principal): Prisma.ApiTokenWhereInput {
  const principal = signedIn(anyPrincipal);
  return isAdmin(principal) ? {} : { userId: principal.user.id };
}

/** A token the principal may see; another user's token is a 404, like one that does not exist. */
async function findVisibleToken(principal: Principal & { user: PrincipalUser }, id: number): Promise<TokenRow> {
  const token = await db.apiToken.findFirst({ where: visibleById(id, tokensVisibleTo(principal)), select: tokenSelect });
  if (!token) throw notFound();
  return token;
}

export async function listTokens(anyPrincipal: Principal, filters: z.infer<typeof TokenFilters>, page: PageWindow) {
  const principal = signedIn(anyPrincipal);
  // Someone else's tokens are only visible to admins; for anyone else the filter matches nothing.
  const filter = {
    userId: filters.user_id ?? principal.user.id,
    ...(filters.enabled !== undefined ? { enabled: filters.enabled } : {}),
  };
  const where = { AND: [tokensVisibleTo(principal), filter] };
  return pagedQuery(db.apiToken, { where, select: tokenSelect, orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }] }, page, (t: TokenRow) => serializeToken(t));
}

export async function getToken(anyPrincipal: Principal, id: number) {
  const principal = signedIn(anyPrincipal);
  return serializeToken(await findVisibleToken(principal, id));
}

/** The digest's unique-constraint message (lib/db/unique.ts), for the checks no constraint spans. */
const KEY_TAKEN = UNIQUE.ApiToken.digest.message;

/**
 * Clears the way for a supplied key. Already a key of the owner's: 409 (they may list their own tokens).
 * Another user's: answering 409 would confirm a guessed key is live, and a key that two people know is
 * compromised anyway, so it is revoked (audited for its owner, by no one the supplier can see).
 */
async function freeSuppliedKey(ownerId: number, digest: string): Promise<void> {
  const holders = await db.apiToken.findMany({
    where: { OR: [{ digest }, { previousDigest: digest }] },
    select: { id: true, userId: true, display: true, digest: true },
  });
  if (holders.some((t) => t.userId === ownerId)) throw conflict({ key: [KEY_TAKEN] });
  for (const holder of holders) {
    if (holder.digest === digest) await db.apiToken.deleteMany({ where: { id: holder.id, digest } });
    // A pre-refresh key, live or past its grace window: it must not shadow the new token's key.
    else await endGraceKey(holder.id, digest);
    await recordAudit(
      { userId: null, label: "system", ip: null, authMethod: null },
      {
        action: "token.revoke_by_key",
        targetType: "token",
        targetId: holder.id,
        subjectId: holder.userId,
        detail: { display: holder.display, reason: "The key was supplied for another token, so it is known to someone else." },
      },
    );
  }
}

async function makeWithSuppliedKey<T>(ownerId: number, digest: string, make: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    await freeSuppliedKey(ownerId, digest);
    try {
      return await make();
    } catch (err) {
      // Another request took the key in between: look again (a second loss is the owner's own race).
      if ((err as { code?: string })?.code !== "P2002") throw err;
      if (attempt > 0) throw conflict({ key: [KEY_TAKEN] });
    }
  }
}

/**
 * The settings of a token about to be made by `principal` for a user whose role grants
 * `ownerRolePermissions`: settings not asked for are inherited from a limiting token (so the default
 * never exceeds it), and the result is refused when wider than that token or the owner's role.
 */
export function newTokenLimits(
  principal: Principal,
  input: { write_enabled?: boolean; scopes?: Permission[]; allowed_ips?: string[]; expires_at?: Date | null },
  ownerRolePermissions: Permission[],
): TokenLimits {
  const credential = credentialLimits(principal);
  const requested: TokenLimits = {
    writeEnabled: input.write_enabled ?? credential?.writeEnabled ?? true,
    scopes: input.scopes ?? credential?.scopes ?? [],
    allowedIps: input.allowed_ips ?? credential?.allowedIps ?? [],
    expiresAt: input.expires_at !== undefined ? input.expires_at : (credential?.expiresAt ?? null),
  };
  assertWithinCredential(principal, requested);
  assertScopesWithinRole(requested.scopes, ownerRolePermissions);
  return requested;
}

export async function createTokenFor(anyPrincipal: Principal, input: TokenCreate) {
  const principal = signedIn(anyPrincipal);
  const ownerId = input.user_id ?? principal.user.id;
  const owner = await findTokenOwner(ownerId);
  if (!owner) {
    if (ownerId !== principal.user.id && !isAdmin(principal)) throw forbidden();
    throw validationError({ user_id: [`User ${ownerId} does not exist.`] });
  }
  if (ownerId !== principal.user.id && !isAdmin(principal)) throw forbidden();
  assertMayManage(principal, ownerId, owner);

  const requested = newTokenLimits(principal, input, owner.role.permissions);
  assertOthersTokenWithin(principal, ownerId, owner, requested);

  if (input.key !== undefined) {
    const problem = suppliedKeyProblem(input.key);
    if (problem) throw validationError({ key: [problem] });
  }
  const make = () =>
    createToken({
      userId: ownerId,
      createdById: principal.user.id,
      description: input.description,
      expiresAt: requested.expiresAt,
      writeEnabled: requested.writeEnabled,
      allowedIps: requested.allowedIps,
      scopes: requested.scopes,
      key: input.key,
    });
  const { token, key } = input.key === undefined ? await make() : await makeWithSuppliedKey(ownerId, digestKey(input.key), make);
  await recordAudit(auditActor(principal), {
    action: "token.create",
    targetType: "token",
    targetId: token.id,
    subjectId: ownerId,
    detail: { display: token.display, supplied_key: input.key !== undefined },
  });
  return serializeToken(token, key);
}

export async function updateToken(anyPrincipal: Principal, id: number, input: TokenPatch) {
  const principal = signedIn(anyPrincipal);
  const token = await findVisibleToken(principal, id);
  const owner = await ownerOf(token);
  // Switching a token off is always allowed, like revoking it; anything else is token management.
  assertNotGraceKey(principal);
  const onlyDisabling = Object.keys(input).every((k) => k === "enabled") && input.enabled === false;
  if (!onlyDisabling) assertMayManage(principal, token.userId, owner);
  const current = limitsOf(token);
  const requested: TokenLimits = {
    writeEnabled: input.write_enabled ?? current.writeEnabled,
    scopes: input.scopes ?? current.scopes,
    allowedIps: input.allowed_ips ?? current.allowedIps,
    expiresAt: input.expires_at !== undefined ? input.expires_at : current.expiresAt,
  };
  if (!onlyDisabling) assertWithinCredential(principal, requested);
  if (!onlyDisabling) assertOthersTokenWithin(principal, token.userId, owner, requested);
  if (input.scopes !== undefined) assertScopesWithinRole(requested.scopes, owner.role.permissions);
  const updated = await db.apiToken.update({
    where: { id },
    data: {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      writeEnabled: requested.writeEnabled,
      scopes: permissionListColumn.encode(requested.scopes),
      allowedIps: stringListColumn.encode(requested.allowedIps),
      expiresAt: requested.expiresAt,
    },
    select: tokenSelect,
  });
  await recordAudit(auditActor(principal), {
    action: "token.update",
    targetType: "token",
    targetId: id,
    subjectId: token.userId,
    detail: { fields: Object.keys(input).sort() },
  });
  return serializeToken(updated);
}

/** Ends the pre-refresh key of token `id` if `digest` is it; true when it was. */
async function endGraceKey(id: number, digest: string): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({
    where: { id, previousDigest: digest },
    data: { previousDigest: null, previousExpiresAt: null },
  });
  return count > 0;
}

export async function deleteToken(anyPrincipal: Principal, id: number, action = "token.revoke") {
  const principal = signedIn(anyPrincipal);
  const token = await findVisibleToken(principal, id);
  if (principal.token?.viaGraceKey) {
    // A replaced key may revoke itself (DELETE /tokens/self), never the token and its new key.
    if (principal.token.id !== id) assertNotGraceKey(principal);
    await db.apiToken.updateMany({ where: { id }, data: { previousDigest: null, previousExpiresAt: null } });
    await recordAudit(auditActor(principal), { action: `${action}.grace_key`, targetType: "token", targetId: id, subjectId: token.userId, detail: { display: token.display } });
    return;
  }
  const { count } = await db.apiToken.deleteMany({ where: { id } });
  if (count === 0) throw notFound();
  await recordAudit(auditActor(principal), { action, targetType: "token", targetId: id, subjectId: token.userId, detail: { display: token.display } });
}

/**
 * A new key, same settings. The old key stops working when this commits (before the response is
 * sent), or after `graceSeconds`. Of refreshes that overlap, exactly one wins: the update is
 * conditional on the key read here and on no other refresh having committed since this request
 * arrived (requests that queue behind slow password checks overlap too); every other one is a 409.
 * A grace window, once granted, lasts its full time: a later refresh without grace leaves it be, one
 * asking for grace while it is open is a 409 (there is one grace key per token).
 */
export async function refreshToken(anyPrincipal: Principal, id: number, graceSeconds = 0) {
  const principal = signedIn(anyPrincipal);
  const token = await findVisibleToken(principal, id);
  const owner = await ownerOf(token);
  assertMayManage(principal, token.userId, owner);
  assertNotGraceKey(principal);
  if (principal.token?.id !== id) assertWithinCredential(principal, limitsOf(token));
  assertOthersTokenWithin(principal, token.userId, owner, limitsOf(token));
  const row = await db.apiToken.findUniqueOrThrow({ where: { id }, select: { generation: true, digest: true, refreshedAt: true, previousDigest: true, previousExpiresAt: true } });
  const now = new Date();
  const arrived = principal.receivedAt ?? now;
  const lostRace = () => new ApiError(409, DETAIL.conflict);
  if (row.refreshedAt && row.refreshedAt > arrived) throw lostRace();
  const openWindow = row.previousDigest !== null && row.previousExpiresAt !== null && row.previousExpiresAt > now ? row.previousExpiresAt : null;
  if (openWindow && graceSeconds > 0) {
    throw conflict({ grace_seconds: [`The key replaced by the last refresh keeps its grace window until ${openWindow.toISOString()}; refresh without grace_seconds, or after that.`] });
  }
  const key = generateKey();
  const { count } = await db.apiToken.updateMany({
    where: { id, digest: row.digest, OR: [{ refreshedAt: null }, { refreshedAt: { lte: arrived } }] },
    data: {
      digest: digestKey(key),
      display: displayKey(key),
      generation: row.generation + 1,
      refreshedAt: now,
      ...(openWindow
        ? {}
        : { previousDigest: graceSeconds > 0 ? row.digest : null, previousExpiresAt: graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null }),
    },
  });
  if (count === 0) throw lostRace();
  const refreshed = await db.apiToken.findUniqueOrThrow({ where: { id }, select: tokenSelect });
  await recordAudit(auditActor(principal), {
    action: "token.refresh",
    targetType: "token",
    targetId: id,
    subjectId: token.userId,
    detail: { display: refreshed.display, grace_seconds: graceSeconds },
  });
  return serializeToken(refreshed, key);
}

/** The token this request used (GET/DELETE /api/v1/tokens/self). */
export function selfTokenId(principal: Principal): number {
  if (!principal.token) throw new ApiError(400, "This request was not authenticated with a token.");
  return principal.token.id;
}

/**
 * Ends the live key `digest` wherever it is: a token's key (the token goes) or a pre-refresh key inside its
 * grace window (only that key ends; the new one was not leaked). Returns the token it belonged to.
 */
async function endLiveKey(digest: string) {
  const token = await db.apiToken.findFirst({
    where: { OR: [{ digest }, { previousDigest: digest, previousExpiresAt: { gt: new Date() } }] },
    select: { id: true, userId: true, display: true },
  });
  if (!token) return null;
  const { count } = (await endGraceKey(token.id, digest)) ? { count: 1 } : await db.apiToken.deleteMany({ where: { id: token.id, digest } });
  return count > 0 ? token : null;
}

/**
 * Revokes every live key listed (GitHub's credential revocation): needs no credentials and answers only
 * a count. Each key is counted as an invalid token before it is looked up (and forgiven when live), so a
 * list of guesses is throttled like invalid tokens and a throttled client gets no lookups at all.
 */
export async function revokeKeys(principal: Principal, keys: string[]): Promise<number> {
  let revoked = 0;
  for (const key of new Set(keys.map((k) => k.trim()))) {
    await countInvalidToken(principal.ip);
    const token = isPlausibleKey(key) ? await endLiveKey(digestKey(key)) : null;
    if (!token) {
      await noteAttack("token.revoke_unknown_key", principal.ip);
      continue;
    }
    await forgiveInvalidToken(principal.ip);
    revoked += 1;
    await recordAudit(auditActor(principal), {
      action: "token.revoke_by_key",
      targetType: "token",
      targetId: token.id,
      subjectId: token.userId,
      detail: { display: token.display },
    });
  }
  return revoked;
}
