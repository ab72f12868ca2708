import type { PublicMaintenance } from "@/lib/status";
import { Markdown } from "./Markdown";
import { relativeTime, windowLabel } from "./format";

const TONE = {
  scheduled: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  in_progress: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  completed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
} as const;

export function MaintenanceCard({ maintenance: m, now, headingLevel = 3 }: { maintenance: PublicMaintenance; now: string; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 4 ? "h4" : "h3";
  const end = m.completed_at && m.completed_at < m.scheduled_end ? m.completed_at : m.scheduled_end;
  const when =
    m.status === "scheduled" ? `starts ${relativeTime(m.scheduled_start, now)}` : m.status === "in_progress" ? `ends ${relativeTime(m.scheduled_end, now)}` : m.completed_at ? "ended early" : "completed";
  return (
    <article className="mb-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" data-testid="maintenance" data-status={m.status}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <Heading className="font-semibold">{m.name}</Heading>
        <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE[m.status]}`}>{m.status_name}</span>
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
        <time dateTime={m.scheduled_start}>{windowLabel(m.scheduled_start, end)}</time> <span className="text-slate-600 dark:text-slate-300">({when})</span>
      </p>
      {m.components.length ? (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
          <span className="text-slate-600 dark:text-slate-300">Components: </span>
          {m.components.map((c) => c.name).join(", ")}
        </p>
      ) : null}
      <Markdown source={m.message} className="mt-2 text-sm text-slate-800 dark:text-slate-200" />
    </article>
  );
}
