import type { UptimeDay } from "@/lib/status/uptime";
import { COMPONENT_STATUSES } from "@/lib/validation/components";
import { dayLabel } from "./format";
import { CELL, NO_DATA } from "./tones";

/** Days a phone shows (the latest); wider screens show all of them. */
export const PHONE_DAYS = 30;

function describe(day: UptimeDay): string {
  if (day.worst === null) return `${dayLabel(day.date)}: no data`;
  const outage = day.outageMinutes === 0 ? "no outage" : `${day.outageMinutes} min of outage`;
  return `${dayLabel(day.date)}: ${COMPONENT_STATUSES[day.worst as 1 | 2 | 3 | 4]}, ${outage}`;
}

export function formatPercent(percent: number | null): string {
  if (percent === null) return "No data";
  // Never round a real outage up to 100 %.
  const shown = percent < 100 ? Math.min(Math.floor(percent * 100) / 100, 99.99) : 100;
  return `${shown.toFixed(2)} % uptime`;
}

/** One cell per UTC day, coloured by the day's worst status, each with its date and outage minutes. */
export function UptimeBar({ name, days, percent }: { name: string; days: UptimeDay[]; percent: number | null }) {
  const total = days.length;
  return (
    <div className="mt-2" data-testid="uptime">
      <ol aria-label={`${name}: uptime of the last ${total} days`} className="flex h-8 items-stretch gap-px">
        {days.map((day, n) => (
          <li
            key={day.date}
            title={describe(day)}
            data-worst={day.worst ?? "none"}
            className={`${n < total - PHONE_DAYS ? "hidden sm:block" : ""} min-w-0 flex-1 rounded-sm ${day.worst === null ? NO_DATA : CELL[day.worst]}`}
          >
            <span className="sr-only">{describe(day)}</span>
          </li>
        ))}
      </ol>
      <div className="mt-1 flex justify-between text-xs text-slate-600 dark:text-slate-300">
        <span>
          <span className="sm:hidden">{PHONE_DAYS} days ago</span>
          <span className="hidden sm:inline">{total} days ago</span>
        </span>
        <span>{formatPercent(percent)}</span>
        <span>Today</span>
      </div>
    </div>
  );
}

export function UptimeLegend() {
  return (
    <ul aria-label="Uptime bar legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
      {[1, 2, 3, 4].map((status) => (
        <li key={status} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${CELL[status]}`} />
          {COMPONENT_STATUSES[status as 1 | 2 | 3 | 4]}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${NO_DATA}`} />
        No data
      </li>
    </ul>
  );
}
