// Test data seeded directly through lib/, with unique e-mails so tests never collide.
import { randomBytes } from "node:crypto";
import { db } from "../../lib/db.ts";
import { hashPassword } from "../../lib/auth/passwords.ts";
import { createToken, type NewToken } from "../../lib/tokens/index.ts";
import { permissionListColumn, type Permission } from "../../lib/auth/permissions.ts";

let counter = 0;
export function uniqueEmail(label = "user"): string {
  return `${label}-${process.pid}-${++counter}-${randomBytes(2).toString("hex")}@example.com`;
}

export async function roleId(name: string): Promise<number> {
  return (await db.role.findUniqueOrThrow({ where: { nameLower: name.toLowerCase() }, select: { id: true } })).id;
}

export async function seedRole(name: string, permissions: Permission[]): Promise<number> {
  const role = await db.role.create({ data: { name, nameLower: name.toLowerCase(), permissions: permissionListColumn.encode(permissions) } });
  return role.id;
}

export interface SeededUser {
  id: number;
  email: string;
  password: string;
}

export async function seedUser(options: { role?: string; roleId?: number; active?: boolean; canManageTokens?: boolean } = {}): Promise<SeededUser> {
  const email = uniqueEmail((options.role ?? "user").toLowerCase());
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const user = await db.user.create({
    data: {
      email,
      name: email.split("@")[0],
      nameLower: email.split("@")[0],
      passwordHash: await hashPassword(password),
      roleId: options.roleId ?? (await roleId(options.role ?? "Editor")),
      active: options.active ?? true,
      canManageTokens: options.canManageTokens ?? true,
    },
  });
  return { id: user.id, email, password };
}

export async function seedToken(userId: number, options: Omit<NewToken, "userId"> = {}): Promise<{ id: number; key: string }> {
  const { token, key } = await createToken({ userId, ...options });
  return { id: token.id, key };
}

export async function setPublicRole(name: string | null): Promise<void> {
  await db.settings.update({ where: { id: 1 }, data: { publicRoleId: name ? await roleId(name) : null } });
}
