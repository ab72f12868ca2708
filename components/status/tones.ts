// The colours of the status page. Banner text is white on a 700 shade (≥ 4.5:1 in light and dark); badges
// are dark text on a light tint (light) or light text on a dark tint (dark); uptime cells are graphics.
import type { DisplayStatus } from "@/lib/status/display";

export const BANNER: Record<DisplayStatus, string> = {
  operational: "bg-emerald-700",
  degraded_performance: "bg-sky-700",
  partial_outage: "bg-orange-700",
  major_outage: "bg-red-700",
  under_maintenance: "bg-violet-700",
};

export const BADGE: Record<DisplayStatus, string> = {
  operational: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  degraded_performance: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  partial_outage: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  major_outage: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  under_maintenance: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
};

/** Uptime cells by the day's worst stored status (1–4); no data in grey. */
export const CELL: Record<number, string> = {
  1: "bg-emerald-600 dark:bg-emerald-500",
  2: "bg-sky-600 dark:bg-sky-500",
  3: "bg-orange-500 dark:bg-orange-400",
  4: "bg-red-600 dark:bg-red-500",
};
export const NO_DATA = "bg-slate-300 dark:bg-slate-600";

export const STORED_DISPLAY: Record<number, DisplayStatus> = { 1: "operational", 2: "degraded_performance", 3: "partial_outage", 4: "major_outage" };
