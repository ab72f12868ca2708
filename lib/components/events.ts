// component.status_changed: recorded in the transaction that moved the component (its own update, or an
// incident's), with where it came from and where it went.
import { recordEvent } from "../outbox/events.ts";
import type { Writer } from "../outbox/types.ts";
import { COMPONENT_STATUSES } from "../validation/components.ts";
import { serializeComponent } from "./index.ts";

const statusName = (status: number) => COMPONENT_STATUSES[status as keyof typeof COMPONENT_STATUSES] ?? "Unknown";

/** Records the change when the component's status (as now stored in `tx`) differs from `from`. */
export async function recordStatusChange(tx: Writer, componentId: number, from: number, incidentId: number | null = null): Promise<void> {
  const component = await tx.component.findUnique({
    where: { id: componentId },
    select: { id: true, name: true, description: true, link: true, status: true, order: true, groupId: true, enabled: true, createdAt: true, updatedAt: true },
  });
  if (!component || component.status === from) return;
  await recordEvent(tx, "component.status_changed", {
    component: serializeComponent(component),
    from: { status: from, status_name: statusName(from) },
    to: { status: component.status, status_name: statusName(component.status) },
    incident_id: incidentId,
  });
}
