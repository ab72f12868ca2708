import Link from "next/link";
import type { PublicIncident } from "@/lib/status";
import { Markdown } from "./Markdown";
import { StatusPill } from "./StatusPill";
import { STORED_DISPLAY } from "./tones";
import { absoluteTime, relativeTime } from "./format";

const INCIDENT_TONE: Record<number, string> = {
  0: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  1: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  2: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  3: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  4: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
};

export function When({ iso, now }: { iso: string; now: string }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)} className="text-slate-600 dark:text-slate-300">
      {relativeTime(iso, now)} · {absoluteTime(iso)}
    </time>
  );
}

export function IncidentStatus({ status, name }: { status: number; name: string }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${INCIDENT_TONE[status] ?? INCIDENT_TONE[0]}`}>{name}</span>;
}

export function AffectedComponents({ incident }: { incident: PublicIncident }) {
  if (!incident.components.length) return null;
  return (
    <div className="mt-2 text-sm">
      <span className="text-slate-600 dark:text-slate-300">Affected: </span>
      <ul className="inline-flex flex-wrap gap-1.5 align-middle" aria-label="Affected components" data-testid="affected-components">
        {incident.components.map((c) => (
          <li key={c.id}>
            <StatusPill status={STORED_DISPLAY[c.status] ?? "operational"} label={`${c.name}: ${c.status_name}`} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every update, newest first, then the incident as first reported. */
export function Timeline({ incident, now }: { incident: PublicIncident; now: string }) {
  return (
    <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700" aria-label={`Timeline of ${incident.name}`}>
      {incident.updates.map((u) => (
        <li key={u.id} className="text-sm" data-testid="incident-update">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <strong>{u.status_name}</strong>
            <When iso={u.created_at} now={now} />
          </div>
          <Markdown source={u.message} className="text-slate-800 dark:text-slate-200" />
        </li>
      ))}
      <li className="text-sm" data-testid="incident-reported">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <strong>Reported</strong>
          <When iso={incident.occurred_at} now={now} />
        </div>
        <Markdown source={incident.message} className="text-slate-800 dark:text-slate-200" />
      </li>
    </ol>
  );
}

export function IncidentCard({ incident, now, headingLevel = 3 }: { incident: PublicIncident; now: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="mb-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" data-testid="incident" data-incident-id={incident.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <Heading className="font-semibold">
          <Link prefetch={false} href={`/incidents/${incident.id}`} className="underline-offset-2 hover:underline">
            {incident.name}
          </Link>
        </Heading>
        <IncidentStatus status={incident.status} name={incident.status_name} />
      </div>
      <AffectedComponents incident={incident} />
      <Timeline incident={incident} now={now} />
    </article>
  );
}
