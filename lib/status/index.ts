// What the public status page shows: what an anonymous visitor may see, whatever the public API role,
// by the same visibility rules as the API's anonymous requests (each domain's `*VisibleTo`).
import { db } from "../db.ts";
import type { Principal } from "../auth/principal.ts";
import { COMPONENT_STATUSES } from "../validation/components.ts";
import { componentsVisibleTo } from "../components/index.ts";
import { groupsVisibleTo } from "../groups/index.ts";
import { incidentsVisibleTo } from "../incidents/index.ts";

const ANONYMOUS: Pick<Principal, "user"> = { user: null };

const componentSelect = { id: true, name: true, description: true, status: true } as const;
const byOrder = [{ order: "asc" as const }, { id: "asc" as const }];

export async function publicStatus() {
  const components = componentsVisibleTo(ANONYMOUS);
  const [settings, groups, ungrouped, incidents] = await Promise.all([
    db.settings.findUnique({ where: { id: 1 }, select: { siteName: true } }),
    db.componentGroup.findMany({
      where: groupsVisibleTo(ANONYMOUS),
      orderBy: byOrder,
      select: { id: true, name: true, components: { where: components, orderBy: byOrder, select: componentSelect } },
    }),
    db.component.findMany({ where: { groupId: null, AND: [components] }, orderBy: byOrder, select: componentSelect }),
    db.incident.findMany({
      where: incidentsVisibleTo(ANONYMOUS),
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 10,
      select: {
        id: true,
        name: true,
        message: true,
        status: true,
        occurredAt: true,
        // An update is visible with its incident (lib/incidents' incidentUpdatesVisibleTo).
        updates: { orderBy: { id: "desc" }, select: { id: true, message: true, status: true, createdAt: true } },
      },
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
