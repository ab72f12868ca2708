// First-run setup, idempotent: migrations, secrets, built-in roles, settings, the admin, their first
// token and the demo status page. A second run changes nothing and prints no secret again.
import { db } from "./db.ts";
import { migrate } from "./db/migrate.ts";
import { loadSecrets } from "./secrets.ts";
import { BUILTIN_ROLES, permissionListColumn } from "./auth/permissions.ts";
import { hashPassword, randomPassword } from "./auth/passwords.ts";
import { createToken } from "./tokens/index.ts";
import { CLI_ACTOR, recordAudit } from "./audit/index.ts";

export interface SetupResult {
  firstRun: boolean;
  migrationsApplied: string[];
  adminEmail: string;
  /** Only on the run that created the admin, and only when it was generated. */
  adminPassword?: string;
  /** Only on the run that created the admin. */
  adminToken?: string;
}

export async function ensureBuiltinRoles(): Promise<void> {
  for (const role of BUILTIN_ROLES) {
    const existing = await db.role.findUnique({ where: { nameLower: role.name.toLowerCase() }, select: { id: true, permissions: true } });
    if (existing && role.name === "Admin" && existing.permissions !== permissionListColumn.encode(role.permissions)) {
      // The Admin role always has every permission, including those of resources added since the install.
      await db.role.update({ where: { id: existing.id }, data: { permissions: permissionListColumn.encode(role.permissions) } });
    }
    if (!existing) {
      await db.role.create({
        data: {
          name: role.name,
          nameLower: role.name.toLowerCase(),
          description: role.description,
          builtin: true,
          permissions: permissionListColumn.encode(role.permissions),
        },
      });
    }
  }
}

async function roleId(name: string): Promise<number> {
  const role = await db.role.findUniqueOrThrow({ where: { nameLower: name.toLowerCase() }, select: { id: true } });
  return role.id;
}

async function seedDemo(): Promise<void> {
  const group = await db.componentGroup.create({ data: { name: "Core services", nameLower: "core services", order: 1 } });
  const names: [string, string, number][] = [
    ["Website", "The public website", 1],
    ["API", "The REST API", 1],
    ["Payments", "Card payments and invoices", 2],
  ];
  const components = [];
  for (const [i, [name, description, status]] of names.entries()) {
    components.push(
      await db.component.create({
        data: { name, nameLower: name.toLowerCase(), description, status, order: i + 1, groupId: group.id, link: "" },
      }),
    );
  }
  const incident = await db.incident.create({
    data: {
      name: "Slow card payments",
      nameLower: "slow card payments",
      message: "Some card payments take **longer than usual** to confirm.",
      status: 2,
      componentId: components[2].id,
      componentStatus: 2,
    },
  });
  await db.incidentUpdate.create({
    data: { incidentId: incident.id, status: 2, message: "We found the cause: a slow payment provider. A fix is rolling out." },
  });
  const about = await db.page.create({
    data: {
      title: "About this status page",
      titleLower: "about this status page",
      slug: "about",
      body: "# About\n\nThis page shows the live status of our services. Subscribe to hear about incidents.",
      published: true,
    },
  });
  await db.menu.create({
    data: {
      name: "Main",
      nameLower: "main",
      items: { create: [{ label: "Status", url: "/", position: 0 }, { label: "About", pageId: about.id, position: 1 }] },
    },
  });
}

export async function runSetup(options: { log?: (line: string) => void } = {}): Promise<SetupResult> {
  const log = options.log ?? (() => {});
  loadSecrets();
  const migrationsApplied = await migrate();
  if (migrationsApplied.length) log(`Applied migrations: ${migrationsApplied.join(", ")}`);

  await ensureBuiltinRoles();
  const adminEmail = (process.env.BEACON_ADMIN_EMAIL || "admin@example.com").trim().toLowerCase();
  const settings = await db.settings.findUnique({ where: { id: 1 } });
  if (settings) return { firstRun: false, migrationsApplied, adminEmail };

  const result: SetupResult = { firstRun: true, migrationsApplied, adminEmail };
  const existingAdmin = await db.user.findUnique({ where: { email: adminEmail }, select: { id: true } });
  if (!existingAdmin) {
    const password = process.env.BEACON_ADMIN_PASSWORD || randomPassword();
    if (!process.env.BEACON_ADMIN_PASSWORD) result.adminPassword = password;
    const admin = await db.user.create({
      data: {
        email: adminEmail,
        name: "Administrator",
        nameLower: "administrator",
        passwordHash: await hashPassword(password),
        roleId: await roleId("Admin"),
      },
    });
    const { token, key } = await createToken({ userId: admin.id, description: "Created at installation" });
    await recordAudit(CLI_ACTOR, { action: "token.create", targetType: "token", targetId: token.id, subjectId: admin.id, detail: { via: "setup" } });
    result.adminToken = key;
  }
  if (process.env.BEACON_DEMO !== "0") await seedDemo();
  // Written last: its presence marks setup as done, so an interrupted first run is retried whole.
  await db.settings.create({ data: { id: 1, siteName: process.env.BEACON_SITE_NAME || "Beacon", publicRoleId: await roleId("Public") } });
  return result;
}
