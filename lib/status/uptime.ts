// The 90-day uptime bars, computed in memory from the recorded status changes (lib/components'
// status history): per UTC day the worst status, the minutes spent in each status and the outage
// minutes; over the window, Atlassian Statuspage's uptime figure, where a major outage counts fully and
// a partial outage at 30 %. Time before a component existed is "no data", and counts for nothing.

export const UPTIME_DAYS = 90;
const DAY_MS = 86_400_000;
/** How much of each status's time counts as down (Statuspage: partial outage 30 %, major outage 100 %). */
export const DOWNTIME_WEIGHT: Record<number, number> = { 1: 0, 2: 0, 3: 0.3, 4: 1 };

export interface StatusChange {
  componentId: number;
  fromStatus: number | null;
  toStatus: number;
  changedAt: Date;
}

export interface UptimeDay {
  /** The UTC day, `YYYY-MM-DD`. */
  date: string;
  /** The worst status seen that day; null when there is no data (before the component existed). */
  worst: number | null;
  /** Whole minutes spent in each status (1–4) that day. */
  minutes: Record<1 | 2 | 3 | 4, number>;
  /** Minutes of partial or major outage. */
  outageMinutes: number;
}

export interface Uptime {
  days: UptimeDay[];
  /** Over the observed part of the window, 0–100, unrounded; null with no data at all. */
  percent: number | null;
}

/** Midnight UTC of the first day of the window that ends with today (the day of `now`). */
export function windowStart(now: Date, days = UPTIME_DAYS): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/**
 * One component's days. `changes` are its changes at or after the window's start, oldest first: the
 * first one's `fromStatus` is the status carried into the window; with none, the current status held
 * throughout.
 */
export function computeUptime(component: { createdAt: Date; status: number }, changes: readonly StatusChange[], now: Date, days = UPTIME_DAYS): Uptime {
  const start = windowStart(now, days).getTime();
  const end = now.getTime();
  const dataStart = Math.max(start, component.createdAt.getTime());
  // Segments [at, next.at) of one status; null before the history's first status.
  const segments: { at: number; status: number | null }[] = [{ at: dataStart, status: changes.length ? changes[0].fromStatus : component.status }];
  for (const change of changes) {
    const at = Math.max(change.changedAt.getTime(), dataStart);
    if (at >= end) break;
    if (segments[segments.length - 1].at === at) segments[segments.length - 1].status = change.toStatus;
    else segments.push({ at, status: change.toStatus });
  }

  const out: UptimeDay[] = [];
  let observed = 0;
  let down = 0;
  let s = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, end);
    const ms: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    while (s + 1 < segments.length && segments[s + 1].at <= dayStart) s++;
    for (let i = s; i < segments.length && segments[i].at < dayEnd; i++) {
      const status = segments[i].status;
      if (status === null || !(status in ms)) continue;
      const from = Math.max(segments[i].at, dayStart);
      const to = Math.min(segments[i + 1]?.at ?? end, dayEnd);
      if (to > from) ms[status] += to - from;
    }
    const seen = [4, 3, 2, 1].find((status) => ms[status] > 0);
    for (const status of [1, 2, 3, 4]) {
      observed += ms[status];
      down += ms[status] * DOWNTIME_WEIGHT[status];
    }
    const minutes = { 1: toMinutes(ms[1]), 2: toMinutes(ms[2]), 3: toMinutes(ms[3]), 4: toMinutes(ms[4]) };
    out.push({
      date: new Date(dayStart).toISOString().slice(0, 10),
      worst: seen ?? null,
      minutes,
      outageMinutes: toMinutes(ms[3] + ms[4]),
    });
  }
  return { days: out, percent: observed > 0 ? (100 * (observed - down)) / observed : null };
}

const toMinutes = (ms: number) => Math.round(ms / 60_000);

/** The changes of many components, grouped by component and ordered oldest first (one query's rows). */
export function changesByComponent(rows: readonly StatusChange[]): Map<number, StatusChange[]> {
  const map = new Map<number, StatusChange[]>();
  for (const row of rows) {
    const list = map.get(row.componentId);
    if (list) list.push(row);
    else map.set(row.componentId, [row]);
  }
  for (const list of map.values()) list.sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  return map;
}
