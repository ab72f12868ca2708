// The words and levels of what the status page shows: a component's display status (its stored status,
// or "Under maintenance" while a maintenance covering it runs) and the overall status.
export const DISPLAY_STATUSES = {
  operational: { label: "Operational", overall: "All systems operational" },
  degraded_performance: { label: "Performance issues", overall: "Some systems have performance issues" },
  partial_outage: { label: "Partial outage", overall: "Partial outage" },
  major_outage: { label: "Major outage", overall: "Major outage" },
  under_maintenance: { label: "Under maintenance", overall: "Under maintenance" },
} as const;
export type DisplayStatus = keyof typeof DISPLAY_STATUSES;

const BY_STORED: Record<number, DisplayStatus> = { 1: "operational", 2: "degraded_performance", 3: "partial_outage", 4: "major_outage" };

/** The display status of a stored component status (1–4). */
export const displayOf = (status: number): DisplayStatus => BY_STORED[status] ?? "operational";

/**
 * The worst display status wins; maintenance only when nothing else is wrong (Statuspage's order:
 * an outage elsewhere matters more to a visitor than planned work).
 */
export function overallOf(components: readonly { status: number; display: DisplayStatus }[]): DisplayStatus {
  const worst = components.filter((c) => c.display !== "under_maintenance").reduce((max, c) => Math.max(max, c.status), 1);
  if (worst > 1) return displayOf(worst);
  return components.some((c) => c.display === "under_maintenance") ? "under_maintenance" : "operational";
}
