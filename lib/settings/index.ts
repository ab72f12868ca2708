// Site-wide settings (a single row, id 1): the site name and the public API role, whose permissions
// (capped by ANONYMOUS_CEILING) are what an anonymous request may do, from the very next request.
import { db, type Prisma } from "../db.ts";
import { validationError } from "../errors.ts";
import { auditActor, type Principal } from "../auth/principal.ts";
import { anonymousPermissions, normalizePermissions, permissionListColumn } from "../auth/permissions.ts";
import { recordAudit } from "../audit/index.ts";
import { neverPublicGrant, publicGrantMessage, resolveRole, teamTransaction, type ResolvedRole, type Tx } from "../roles/index.ts";
import type { SettingsPatch } from "../validation/settings.ts";

const select = {
  siteName: true,
  publicRoleId: true,
  updatedAt: true,
  publicRole: { select: { name: true, permissions: true } },
} satisfies Prisma.SettingsSelect;

type SettingsRow = Prisma.SettingsGetPayload<{ select: typeof select }>;

export function serializeSettings(s: SettingsRow) {
  const rolePermissions = s.publicRole ? permissionListColumn.decode(s.publicRole.permissions) : null;
  return {
    site_name: s.siteName,
    public_role_id: s.publicRoleId,
    public_role: s.publicRole?.name ?? null,
    anonymous_permissions: normalizePermissions(anonymousPermissions(rolePermissions)),
    updated_at: s.updatedAt.toISOString(),
  };
}

/** Setup writes the row; an install without one gets the defaults written on first use. */
async function loadSettings(client: Tx | typeof db) {
  return (await client.settings.findUnique({ where: { id: 1 }, select })) ?? client.settings.create({ data: { id: 1 }, select });
}

export async function getSettings() {
  return serializeSettings(await loadSettings(db));
}

/** The public role a write asks for: undefined when it names none, null for "no public role". */
async function requestedPublicRole(tx: Tx, input: SettingsPatch): Promise<ResolvedRole | null | undefined> {
  const { public_role_id: id, public_role: name } = input;
  if (id === undefined && name === undefined) return undefined;
  if (id === null || name === null) {
    // One says "none", so the other, when sent, must say it too.
    if ((id ?? name ?? null) !== null) throw validationError({ public_role: ["public_role and public_role_id name different roles."] });
    return null;
  }
  return resolveRole(tx, { id, name }, { id: "public_role_id", name: "public_role" });
}

export async function updateSettings(principal: Principal, input: SettingsPatch) {
  const { before, after } = await teamTransaction(async (tx) => {
    const current = await loadSettings(tx);
    const role = await requestedPublicRole(tx, input);
    const neverPublic = role ? neverPublicGrant(role.permissions) : undefined;
    if (neverPublic) {
      throw validationError({ [input.public_role_id !== undefined ? "public_role_id" : "public_role"]: [publicGrantMessage(neverPublic)] });
    }
    const updated = await tx.settings.update({
      where: { id: 1 },
      data: {
        ...(input.site_name !== undefined ? { siteName: input.site_name } : {}),
        ...(role !== undefined ? { publicRoleId: role?.id ?? null } : {}),
      },
      select,
    });
    return { before: current, after: updated };
  });

  const changes: Record<string, unknown> = {};
  if (before.siteName !== after.siteName) changes.site_name = { from: before.siteName, to: after.siteName };
  if (before.publicRoleId !== after.publicRoleId) {
    changes.public_role = {
      from: before.publicRoleId === null ? null : { id: before.publicRoleId, name: before.publicRole?.name },
      to: after.publicRoleId === null ? null : { id: after.publicRoleId, name: after.publicRole?.name },
    };
  }
  await recordAudit(auditActor(principal), { action: "settings.update", targetType: "settings", targetId: 1, detail: { changes } });
  return serializeSettings(after);
}

/** The site name alone, for page headers. */
export async function siteName(): Promise<string> {
  return (await db.settings.findUnique({ where: { id: 1 }, select: { siteName: true } }))?.siteName ?? "Beacon";
}
