import type { StatusPageData } from "@/lib/status";
import { ComponentGroups } from "./ComponentGroups";
import { IncidentCard } from "./IncidentCard";
import { MaintenanceCard } from "./MaintenanceCard";
import { UptimeLegend } from "./UptimeBar";
import { BANNER } from "./tones";
import { clockTime, dayLabel } from "./format";

const H2 = "mb-3 text-lg font-semibold";

/** `/`: the banner, maintenance, active incidents, components with their uptime bars, recently resolved incidents. */
export function StatusPageView({ data }: { data: StatusPageData }) {
  const now = data.generatedAt;
  const { inProgress, upcoming } = data.maintenance;
  return (
    <>
      <section aria-label="Overall status" className={`mb-8 rounded-lg p-4 text-white ${BANNER[data.overall.status]}`} data-testid="overall" data-status={data.overall.status}>
        <p className="text-lg font-semibold">{data.overall.label}</p>
        {data.lastUpdated ? (
          <p className="mt-1 text-sm" data-testid="last-updated">
            Last updated <time dateTime={data.lastUpdated} title={`${dayLabel(data.lastUpdated)}, ${clockTime(data.lastUpdated)}`}>{clockTime(data.lastUpdated)}</time>
          </p>
        ) : null}
      </section>

      {data.activeIncidents.length ? (
        <section aria-labelledby="active-incidents" className="mb-8" data-testid="active-incidents">
          <h2 id="active-incidents" className={H2}>
            Active incidents
          </h2>
          {data.activeIncidents.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} now={now} />
          ))}
        </section>
      ) : null}

      {inProgress.length || upcoming.length ? (
        <section aria-labelledby="maintenance" className="mb-8" data-testid="maintenance-section">
          <h2 id="maintenance" className={H2}>
            Scheduled maintenance
          </h2>
          {inProgress.map((m) => (
            <MaintenanceCard key={m.id} maintenance={m} now={now} />
          ))}
          {upcoming.map((m) => (
            <MaintenanceCard key={m.id} maintenance={m} now={now} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="components" className="mb-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
          <h2 id="components" className="text-lg font-semibold">
            Components
          </h2>
          <UptimeLegend />
        </div>
        {data.groups.length || data.ungrouped.length ? (
          <ComponentGroups groups={data.groups} ungrouped={data.ungrouped} />
        ) : (
          <p className="text-slate-600 dark:text-slate-300">No components yet.</p>
        )}
      </section>

      <section aria-labelledby="recent" className="mb-8" data-testid="recent-incidents">
        <h2 id="recent" className={H2}>
          Recently resolved
        </h2>
        {data.recentIncidents.length ? (
          data.recentIncidents.map((incident) => <IncidentCard key={incident.id} incident={incident} now={now} />)
        ) : (
          <p className="text-slate-600 dark:text-slate-300">No incidents in the last 7 days.</p>
        )}
      </section>
    </>
  );
}
