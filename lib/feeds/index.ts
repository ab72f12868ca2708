// The status feeds (RSS 2.0 and Atom 1.0, built by the `feed` package): one entry per incident, per
// update of an incident and per maintenance window, newest first, each with a stable id, a link to its
// page and the time it was posted. From lib/status's loaders: the data `/` and `/history` show.
import { Feed } from "feed";
import { renderMarkdown } from "../markdown.ts";
import { statusHistory, statusPage, type PublicIncident, type PublicMaintenance } from "../status/index.ts";

export type FeedFormat = "rss" | "atom";
const MAX_ENTRIES = 100;

interface Entry {
  id: string;
  title: string;
  link: string;
  date: Date;
  content: string;
}

function incidentEntries(i: PublicIncident, origin: string): Entry[] {
  const link = `${origin}/incidents/${i.id}`;
  const updates = i.updates.map((u) => ({
    id: `${link}#update-${u.id}`,
    title: `${i.name}: ${u.status_name}`,
    link,
    date: new Date(u.created_at),
    content: renderMarkdown(u.message),
  }));
  return [...updates, { id: link, title: i.name, link, date: new Date(i.occurred_at), content: renderMarkdown(i.message) }];
}

function maintenanceEntry(m: PublicMaintenance, origin: string): Entry {
  const window = `${m.scheduled_start.replace("T", " ").slice(0, 16)} – ${m.scheduled_end.replace("T", " ").slice(0, 16)} UTC`;
  return {
    id: `${origin}/history#maintenance-${m.id}`,
    title: `Maintenance (${m.status_name}): ${m.name}`,
    link: `${origin}/history#maintenance-${m.id}`,
    date: new Date(m.updated_at),
    content: `<p>${window}</p>${renderMarkdown(m.message)}`,
  };
}

/**
 * The feed as XML, or null when `componentId` names no component an anonymous visitor may see (unknown,
 * disabled, or in a hidden group). `componentId` narrows it to the incidents and maintenance affecting it.
 */
export async function statusFeed(format: FeedFormat, origin: string, componentId: number | null): Promise<string | null> {
  const [page, history] = await Promise.all([statusPage(), statusHistory(1)]);
  const components = [...page.groups.flatMap((g) => g.components), ...page.ungrouped];
  const component = componentId === null ? null : components.find((c) => c.id === componentId);
  if (componentId !== null && !component) return null;
  const touches = (list: { id: number }[]) => componentId === null || list.some((c) => c.id === componentId);

  const incidents = new Map<number, PublicIncident>();
  for (const i of [...page.activeIncidents, ...page.recentIncidents, ...history.months.flatMap((m) => m.incidents)]) incidents.set(i.id, i);
  const maintenance = new Map<number, PublicMaintenance>();
  for (const m of [...page.maintenance.inProgress, ...page.maintenance.upcoming, ...history.months.flatMap((mo) => mo.maintenance)]) maintenance.set(m.id, m);

  const entries = [
    ...[...incidents.values()].filter((i) => touches(i.components)).flatMap((i) => incidentEntries(i, origin)),
    ...[...maintenance.values()].filter((m) => touches(m.components)).map((m) => maintenanceEntry(m, origin)),
  ]
    .sort((a, b) => b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id))
    .slice(0, MAX_ENTRIES);

  const query = componentId === null ? "" : `?component=${componentId}`;
  const feed = new Feed({
    id: `${origin}/${query}`,
    title: component ? `${page.siteName}: ${component.name} status` : `${page.siteName} status`,
    description: `Incidents and maintenance of ${component ? component.name : page.siteName}`,
    link: `${origin}/`,
    updated: entries[0]?.date ?? new Date(page.lastUpdated ?? page.generatedAt),
    generator: "Beacon",
    language: "en",
    copyright: page.siteName,
    feedLinks: { rss: `${origin}/feed.rss${query}`, atom: `${origin}/feed.atom${query}` },
  });
  for (const e of entries) feed.addItem({ id: e.id, guid: e.id, title: e.title, link: e.link, date: e.date, published: e.date, content: e.content, description: e.content });
  return format === "rss" ? feed.rss2() : feed.atom1();
}
