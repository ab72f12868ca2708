import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { publicIncident } from "@/lib/status";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";
import { StatusShell } from "@/components/status/StatusShell";
import { AffectedComponents, IncidentStatus, Timeline } from "@/components/status/IncidentCard";
import { absoluteTime } from "@/components/status/format";

export const dynamic = "force-dynamic";

const idOf = (value: string) => (/^\d{1,10}$/.test(value) ? Number(value) : NaN);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = await publicIncident(idOf((await params).id)).catch(() => null);
  return found ? { title: found.incident.name } : {};
}

/** One incident with its whole timeline; hidden or unknown is the branded 404. */
export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idOf((await params).id);
  let loaded: Awaited<ReturnType<typeof publicIncident>>;
  try {
    // No session read: the page is the same for every visitor and served from the public cache
    // (lib/public-cache/pages.ts); the header\'s signed-in part is rendered in the browser.
    loaded = await publicIncident(id);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const found = loaded;
  if (!found) notFound();
  const { incident } = found;
  const now = new Date().toISOString();
  return (
    <StatusShell siteName={found.siteName} menu={found.menu}>
      <article data-testid="incident" data-incident-id={incident.id}>
        <p className="mb-2 text-sm">
          <Link prefetch={false} href="/history" className="underline underline-offset-2">
            ← Incident history
          </Link>
        </p>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="text-2xl font-semibold">{incident.name}</h1>
          <IncidentStatus status={incident.status} name={incident.status_name} />
        </div>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Began <time dateTime={incident.occurred_at}>{absoluteTime(incident.occurred_at)}</time>
          {incident.resolved_at ? (
            <>
              {" "}· resolved <time dateTime={incident.resolved_at}>{absoluteTime(incident.resolved_at)}</time>
            </>
          ) : null}
        </p>
        <AffectedComponents incident={incident} />
        <h2 className="mt-6 text-lg font-semibold">Updates</h2>
        <Timeline incident={incident} now={now} />
      </article>
    </StatusShell>
  );
}
