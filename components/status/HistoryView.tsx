import Link from "next/link";
import type { HistoryPage } from "@/lib/status";
import { AffectedComponents, IncidentStatus } from "./IncidentCard";
import { MaintenanceCard } from "./MaintenanceCard";
import { absoluteTime, monthLabel } from "./format";

/** `/history`: months, newest first, each with its incidents and maintenance; pages of older months. */
export function HistoryView({ history, now }: { history: HistoryPage; now: string }) {
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Incident history</h1>
      {history.months.map((month) => (
        <section key={month.month} aria-labelledby={`m-${month.month}`} className="mb-8" data-testid="history-month">
          <h2 id={`m-${month.month}`} className="mb-3 border-b border-slate-200 pb-1 text-lg font-semibold dark:border-slate-700">
            {monthLabel(month.month)}
          </h2>
          {!month.incidents.length && !month.maintenance.length ? <p className="text-slate-600 dark:text-slate-300">No incidents reported.</p> : null}
          {month.incidents.length ? (
            <ul className="space-y-3">
              {month.incidents.map((incident) => (
                <li key={incident.id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" data-testid="history-incident">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h3 className="font-semibold">
                      <Link prefetch={false} href={`/incidents/${incident.id}`} className="underline underline-offset-2">
                        {incident.name}
                      </Link>
                    </h3>
                    <IncidentStatus status={incident.status} name={incident.status_name} />
                  </div>
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                    <time dateTime={incident.occurred_at}>{absoluteTime(incident.occurred_at)}</time>
                    {incident.resolved_at ? (
                      <>
                        {" "}– resolved <time dateTime={incident.resolved_at}>{absoluteTime(incident.resolved_at)}</time>
                      </>
                    ) : null}
                  </p>
                  <AffectedComponents incident={incident} />
                </li>
              ))}
            </ul>
          ) : null}
          {month.maintenance.length ? (
            <div className="mt-4">
              <h3 className="mb-2 font-semibold">Maintenance</h3>
              {month.maintenance.map((m) => (
                <MaintenanceCard key={m.id} maintenance={m} now={now} headingLevel={4} />
              ))}
            </div>
          ) : null}
        </section>
      ))}
      <nav aria-label="History pages" className="flex justify-between text-sm">
        {history.page > 1 ? (
          <Link prefetch={false} href={history.page === 2 ? "/history" : `/history?page=${history.page - 1}`} rel="prev" className="underline underline-offset-2">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {history.hasOlder ? (
          <Link prefetch={false} href={`/history?page=${history.page + 1}`} rel="next" className="underline underline-offset-2">
            Older →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
