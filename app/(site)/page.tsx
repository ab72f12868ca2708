import { publicStatus, statusLabel } from "@/lib/status";
import { StatusBadge } from "@/components/StatusBadge";
import { renderMarkdown } from "@/lib/markdown";
import { SiteHeader } from "@/components/SiteHeader";
import { currentPageUser, headerUser } from "@/lib/auth/page-session";
import { isDatabaseUnavailable, markPageUnavailable } from "@/lib/db/outage";
import { UnavailableNotice } from "@/components/UnavailableNotice";

export const dynamic = "force-dynamic";

const INCIDENT_STATUS = ["Scheduled", "Investigating", "Identified", "Watching", "Fixed"];

export default async function StatusPage() {
  let loaded: [Awaited<ReturnType<typeof publicStatus>>, Awaited<ReturnType<typeof currentPageUser>>];
  try {
    loaded = await Promise.all([publicStatus(), currentPageUser()]);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    // Rendered here rather than by app/error.tsx, so that visitors without JavaScript see it too.
    markPageUnavailable();
    return <UnavailableNotice />;
  }
  const [status, user] = loaded;
  const sections = [...status.groups.map((g) => ({ key: `g${g.id}`, name: g.name, components: g.components })), ...(status.ungrouped.length ? [{ key: "other", name: "Other", components: status.ungrouped }] : [])];
  return (
    <>
      <SiteHeader siteName={status.siteName} user={headerUser(user)} brandIsHeading />
      <main className="mx-auto max-w-3xl px-4 py-10">
        <p className="mb-4 flex justify-end">
          <a href="/subscribe" className="inline-flex min-h-11 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2">
            Subscribe to updates
          </a>
        </p>
        <section className={`mb-8 rounded-lg p-4 font-medium ${status.overall.status === 1 ? "bg-emerald-700 text-white" : "bg-amber-700 text-white"}`} data-testid="overall">
          {status.overall.label}
        </section>
        {sections.map((section) => (
          <section key={section.key} className="mb-6 rounded-lg border border-slate-200 bg-white">
            <h2 className="border-b border-slate-200 px-4 py-2 font-medium">{section.name}</h2>
            <ul>
              {section.components.map((c) => (
                <li key={c.id} className="flex items-center justify-between border-b border-slate-100 px-4 py-3 last:border-0" data-testid="component">
                  <div>
                    <div className="font-medium">{c.name}</div>
                    {c.description ? <div className="text-sm text-slate-500">{c.description}</div> : null}
                  </div>
                  <StatusBadge status={c.status} label={statusLabel(c.status)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
        <section>
          <h2 className="mb-3 text-lg font-semibold">Incidents</h2>
          {status.incidents.length === 0 ? <p className="text-slate-500">No incidents reported.</p> : null}
          {status.incidents.map((i) => (
            <article key={i.id} className="mb-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="incident">
              <h3 className="font-medium">{i.name} <span className="text-sm text-slate-500">· {INCIDENT_STATUS[i.status] ?? ""}</span></h3>
              <div className="prose-sm mt-1 text-sm text-slate-700 [&_a]:underline [&_p]:my-1" dangerouslySetInnerHTML={{ __html: renderMarkdown(i.message) }} />
              {i.updates.map((u) => (
                // A <div>, not a <p>: the rendered Markdown holds paragraphs and lists, which a <p> may not
                // contain (the browser would split it, and React's hydration fail).
                <div key={u.id} className="mt-2 border-l-2 border-slate-200 pl-3 text-sm text-slate-600" data-testid="incident-update">
                  <div>
                    <strong>{INCIDENT_STATUS[u.status] ?? ""}</strong>{" "}
                    <time className="text-slate-500" dateTime={u.createdAt.toISOString()}>{u.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
                  </div>
                  <div className="[&_a]:underline [&_p]:my-1 [&_ul]:list-disc [&_ul]:pl-5" dangerouslySetInnerHTML={{ __html: renderMarkdown(u.message) }} />
                </div>
              ))}
            </article>
          ))}
        </section>
      </main>
    </>
  );
}
