// What the public status page shows: what an anonymous visitor may see, whatever the public API role.
import { db } from "../db.ts";
import { COMPONENT_STATUSES } from "../validation/components.ts";

export async function publicStatus() {
  const [settings, groups, ungrouped, incidents] = await Promise.all([
    db.settings.findUnique({ where: { id: 1 }, select: { siteName: true } }),
    db.componentGroup.findMany({
      where: { visible: true },
      orderBy: [{ order: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        components: { where: { enabled: true }, orderBy: [{ order: "asc" }, { id: "asc" }], select: { id: true, name: true, description: true, status: true } },
      },
    }),
    db.component.findMany({
      where: { enabled: true, groupId: null },
      orderBy: [{ order: "asc" }, { id: "asc" }],
      select: { id: true, name: true, description: true, status: true },
    }),
    db.incident.findMany({
      where: { visible: true },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 10,
      select: { id: true, name: true, message: true, status: true, occurredAt: true, updates: { orderBy: { id: "desc" }, select: { id: true, message: true, status: true, createdAt: true } } },
    }),
  ]);
  const all = [...groups.flatMap((g) => g.components), ...ungrouped];
  const worst = all.reduce((max, c) => Math.max(max, c.status), 1);
  return {
    siteName: settings?.siteName ?? "Beacon",
    overall: { status: worst, label: worst === 1 ? "All systems operational" : COMPONENT_STATUSES[worst as 1 | 2 | 3 | 4] },
    groups: groups.filter((g) => g.components.length > 0),
    ungrouped,
    incidents,
  };
}

export const statusLabel = (status: number) => COMPONENT_STATUSES[status as 1 | 2 | 3 | 4] ?? "Unknown";
