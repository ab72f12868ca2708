// The reads every authenticated request makes, each in one SQL statement: the token a key names with its
// user and their role, and a user with their role. Prisma 7.10 loads each relation with a statement of
// its own (its relationJoins preview does not exist for SQLite), which made the token path three reads.
// The rows come back in exactly the shape of the Prisma selects beside them (a test compares the two
// on both databases), so the callers cannot tell them apart.
import { db, type Prisma } from "../db.ts";
import { principalTokenSelect, userSelect } from "./principal.ts";

/** What authentication reads of a token: the principal's part, the digests, the state, and the user with their role. */
export const tokenLookupSelect = {
  ...principalTokenSelect,
  digest: true,
  previousDigest: true,
  previousExpiresAt: true,
  enabled: true,
  lastUsedAt: true,
  user: { select: userSelect },
} satisfies Prisma.ApiTokenSelect;

export type TokenLookup = Prisma.ApiTokenGetPayload<{ select: typeof tokenLookupSelect }>;
export type UserLookup = Prisma.UserGetPayload<{ select: typeof userSelect }>;

type Raw = Record<string, unknown>;

const int = (v: unknown) => Number(v);
const bool = (v: unknown) => v === true || v === 1 || v === 1n || v === "1" || v === "true";
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string | number));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function userFrom(r: Raw): UserLookup {
  return {
    id: int(r.u_id),
    email: String(r.u_email),
    name: String(r.u_name),
    active: bool(r.u_active),
    canManageTokens: bool(r.u_can_manage_tokens),
    sessionVersion: int(r.u_session_version),
    role: { id: int(r.r_id), name: String(r.r_name), permissions: String(r.r_permissions) },
  };
}

/** The token whose current or pre-refresh digest this is, with its user and role, in one statement; or null. */
export async function findTokenByDigest(digest: string): Promise<TokenLookup | null> {
  const rows = await db.$queryRaw<Raw[]>`
    SELECT t."id", t."display", t."description", t."expires_at", t."write_enabled", t."allowed_ips", t."scopes",
           t."digest", t."previous_digest", t."previous_expires_at", t."enabled", t."last_used_at",
           u."id" AS u_id, u."email" AS u_email, u."name" AS u_name, u."active" AS u_active,
           u."can_manage_tokens" AS u_can_manage_tokens, u."session_version" AS u_session_version,
           r."id" AS r_id, r."name" AS r_name, r."permissions" AS r_permissions
    FROM "api_tokens" t JOIN "users" u ON u."id" = t."user_id" JOIN "roles" r ON r."id" = u."role_id"
    WHERE t."digest" = ${digest} OR t."previous_digest" = ${digest}
    LIMIT 1`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: int(r.id),
    display: String(r.display),
    description: String(r.description),
    expiresAt: date(r.expires_at),
    writeEnabled: bool(r.write_enabled),
    allowedIps: String(r.allowed_ips),
    scopes: String(r.scopes),
    digest: String(r.digest),
    previousDigest: text(r.previous_digest),
    previousExpiresAt: date(r.previous_expires_at),
    enabled: bool(r.enabled),
    lastUsedAt: date(r.last_used_at),
    user: userFrom(r),
  };
}

/** A user with their role, in one statement (by primary key); or null. */
export async function findUserById(id: number): Promise<UserLookup | null> {
  const rows = await db.$queryRaw<Raw[]>`
    SELECT u."id" AS u_id, u."email" AS u_email, u."name" AS u_name, u."active" AS u_active,
           u."can_manage_tokens" AS u_can_manage_tokens, u."session_version" AS u_session_version,
           r."id" AS r_id, r."name" AS r_name, r."permissions" AS r_permissions
    FROM "users" u JOIN "roles" r ON r."id" = u."role_id"
    WHERE u."id" = ${id}`;
  return rows[0] ? userFrom(rows[0]) : null;
}

/** The public API role's permissions as stored (settings and role in one statement); null when no public role is set. */
export async function findPublicRolePermissions(): Promise<string | null> {
  const rows = await db.$queryRaw<Raw[]>`
    SELECT r."permissions" AS r_permissions
    FROM "settings" s JOIN "roles" r ON r."id" = s."public_role_id"
    WHERE s."id" = 1`;
  return rows[0] ? String(rows[0].r_permissions) : null;
}
