// API tokens: creation and their public representation. Authentication with a token lives in lib/auth.
import { db, type Prisma } from "../db.ts";
import { digestKey, displayKey, generateKey } from "../auth/keys.ts";
import { permissionListColumn, type Permission } from "../auth/permissions.ts";
import { stringListColumn } from "../lists.ts";
import type { z } from "../validation/common.ts";
import type { TokenOut } from "../validation/tokens.ts";

export interface NewToken {
  userId: number;
  createdById?: number | null;
  description?: string;
  expiresAt?: Date | null;
  writeEnabled?: boolean;
  allowedIps?: string[];
  scopes?: Permission[];
  /** A user-supplied key (already validated); generated when absent. */
  key?: string;
}

export const tokenSelect = {
  id: true,
  display: true,
  description: true,
  userId: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  writeEnabled: true,
  enabled: true,
  allowedIps: true,
  scopes: true,
  previousExpiresAt: true,
  user: { select: { id: true, email: true, name: true } },
} satisfies Prisma.ApiTokenSelect;

export type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;

export async function createToken(input: NewToken): Promise<{ token: TokenRow; key: string }> {
  const key = input.key ?? generateKey();
  const token = await db.apiToken.create({
    data: {
      digest: digestKey(key),
      display: displayKey(key),
      description: input.description ?? "",
      userId: input.userId,
      createdById: input.createdById ?? null,
      expiresAt: input.expiresAt ?? null,
      writeEnabled: input.writeEnabled ?? true,
      allowedIps: stringListColumn.encode(input.allowedIps ?? []),
      scopes: permissionListColumn.encode(input.scopes ?? []),
    },
    select: tokenSelect,
  });
  return { token, key };
}

/** The public fields of a token (API.md §3); `key` only in the response that created or refreshed it. */
export function serializeToken(token: TokenRow, key?: string): z.infer<typeof TokenOut> {
  return {
    id: token.id,
    description: token.description,
    display: token.display,
    created_at: token.createdAt.toISOString(),
    expires_at: token.expiresAt?.toISOString() ?? null,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    last_used_ip: token.lastUsedIp,
    previous_key_expires_at: token.previousExpiresAt && token.previousExpiresAt > new Date() ? token.previousExpiresAt.toISOString() : null,
    write_enabled: token.writeEnabled,
    enabled: token.enabled,
    allowed_ips: stringListColumn.decode(token.allowedIps),
    scopes: permissionListColumn.decode(token.scopes),
    user: { id: token.user.id, email: token.user.email, name: token.user.name },
    ...(key ? { key } : {}),
  };
}
