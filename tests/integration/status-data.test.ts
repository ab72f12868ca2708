// lib/status, the one loader of the public status data: display statuses with maintenance derived at read
// time, the overall status, uptime from the recorded history, active and recent incidents with their
// components and timeline, maintenance sections, the menu, history by month, one incident, one page, and
// the anonymous visibility rules throughout.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { db } from "../../lib/db.ts";
import { publicIncident, publicPage, siteMenu, statusHistory, statusPage } from "../../lib/status/index.ts";
import { overallOf } from "../../lib/status/display.ts";

let app: TestApp;
let admin: Record<string, string>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const tag = `sd${process.pid}`;

async function post(path: string, json: Record<string, unknown>) {
  const res = await app.call("POST", path, { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body;
}
const makeComponent = (fields: Record<string, unknown> = {}) => post("/api/v1/components", { name: `${tag} ${Math.random().toString(36).slice(2, 8)}`, ...fields });

function findComponent(data: Awaited<ReturnType<typeof statusPage>>, id: number) {
  return [...data.groups.flatMap((g) => g.components), ...data.ungrouped].find((c) => c.id === id);
}

describeDb("status page data", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("overall: worst wins, maintenance only when nothing else is wrong", () => {
    assert.equal(overallOf([]), "operational");
    assert.equal(overallOf([{ status: 1, display: "operational" }, { status: 1, display: "under_maintenance" }]), "under_maintenance");
    assert.equal(overallOf([{ status: 3, display: "partial_outage" }, { status: 1, display: "under_maintenance" }]), "partial_outage");
    assert.equal(overallOf([{ status: 2, display: "degraded_performance" }, { status: 4, display: "major_outage" }]), "major_outage");
    assert.equal(overallOf([{ status: 4, display: "under_maintenance" }]), "under_maintenance", "a component's own status is hidden by its maintenance");
  });

  test("a running maintenance shows its components under maintenance without changing their stored status", async () => {
    const c = await makeComponent({ status: 1 });
    const other = await makeComponent({ status: 1 });
    const running = await post("/api/v1/maintenance", { name: `${tag} running`, scheduled_start: iso(-HOUR), scheduled_end: iso(HOUR), component_ids: [c.id] });
    const upcoming = await post("/api/v1/maintenance", { name: `${tag} later`, scheduled_start: iso(DAY), scheduled_end: iso(DAY + HOUR), component_ids: [other.id] });
    await post("/api/v1/maintenance", { name: `${tag} hidden`, scheduled_start: iso(-HOUR), scheduled_end: iso(HOUR), component_ids: [other.id], visible: false });
    const data = await statusPage();
    const shown = findComponent(data, c.id)!;
    assert.deepEqual([shown.display, shown.display_name, shown.status], ["under_maintenance", "Under maintenance", 1]);
    assert.equal(findComponent(data, other.id)!.display, "operational", "hidden maintenance changes nothing on the page");
    assert.equal((await db.component.findUniqueOrThrow({ where: { id: c.id } })).status, 1);
    assert.ok(data.maintenance.inProgress.some((m) => m.id === running.id && m.status === "in_progress"));
    assert.ok(data.maintenance.upcoming.some((m) => m.id === upcoming.id && m.status === "scheduled"));
    assert.ok(!data.maintenance.inProgress.some((m) => m.name === `${tag} hidden`));
    // Once it ends (early), the component is back to its own status: derived at read time, no scheduler.
    await app.call("PATCH", `/api/v1/maintenance/${running.id}`, { headers: admin, json: { completed_at: new Date().toISOString() } });
    assert.equal(findComponent(await statusPage(), c.id)!.display, "operational");
    // And it is derived from `now`: the upcoming one is under way in a day's time.
    const tomorrow = await statusPage(new Date(Date.now() + DAY + 30 * 60_000));
    assert.equal(findComponent(tomorrow, other.id)!.display, "under_maintenance");
  });

  test("uptime bars follow the recorded changes", async () => {
    const c = await makeComponent({ status: 1 });
    await app.call("PATCH", `/api/v1/components/${c.id}`, { headers: admin, json: { status: 4 } });
    // The change happened now; look from an hour later, so the major outage lasted an hour today.
    const later = new Date(Date.now() + HOUR);
    const data = await statusPage(later);
    const uptime = findComponent(data, c.id)!.uptime;
    assert.equal(uptime.days.length, 90);
    const today = uptime.days.at(-1)!;
    assert.equal(today.date, later.toISOString().slice(0, 10));
    assert.equal(today.worst, 4);
    assert.ok(today.outageMinutes >= 59 && today.outageMinutes <= 61, String(today.outageMinutes));
    assert.ok(uptime.days.slice(0, 88).every((d) => d.worst === null), "days before the component existed are no data");
    assert.ok(uptime.percent! < 100);
    assert.equal(data.overall.status === "operational", false);
  });

  test("active incidents with affected components and their whole timeline; resolved ones in recent; hidden ones nowhere", async () => {
    const c = await makeComponent();
    const active = await post("/api/v1/incidents", { name: `${tag} active`, message: "Looking", components: [{ id: c.id, status: 3 }] });
    await post(`/api/v1/incidents/${active.id}/updates`, { status: 2, message: "Found it" });
    await post(`/api/v1/incidents/${active.id}/updates`, { status: 3, message: "Watching" });
    const fixed = await post("/api/v1/incidents", { name: `${tag} fixed` });
    await post(`/api/v1/incidents/${fixed.id}/updates`, { status: 4, message: "Resolved" });
    const hidden = await post("/api/v1/incidents", { name: `${tag} hidden`, visible: false });
    const data = await statusPage();
    const shown = data.activeIncidents.find((i) => i.id === active.id)!;
    assert.deepEqual(shown.components, [{ id: c.id, name: c.name, status: 3, status_name: "Partial outage" }]);
    assert.deepEqual(shown.updates.map((u) => u.message), ["Watching", "Found it"]);
    assert.equal(shown.status_name, "Watching");
    assert.equal(shown.resolved_at, null);
    assert.ok(!data.activeIncidents.some((i) => i.id === fixed.id));
    const recent = data.recentIncidents.find((i) => i.id === fixed.id)!;
    assert.ok(recent.resolved_at);
    assert.ok(![...data.activeIncidents, ...data.recentIncidents].some((i) => i.id === hidden.id));
    assert.ok(data.lastUpdated && Date.now() - Date.parse(data.lastUpdated) < 60_000);

    assert.equal((await publicIncident(active.id))!.incident.updates.length, 2);
    assert.equal(await publicIncident(hidden.id), null);
    assert.equal(await publicIncident(2_000_000_000), null);
    assert.equal(await publicIncident(Number.NaN), null);
  });

  test("groups carry collapsed; hidden groups and disabled components stay off", async () => {
    const group = await post("/api/v1/components/groups", { name: `${tag} group`, collapsed: true });
    const hiddenGroup = await post("/api/v1/components/groups", { name: `${tag} hidden group`, visible: false });
    const inGroup = await makeComponent({ group_id: group.id });
    const inHidden = await makeComponent({ group_id: hiddenGroup.id });
    const disabled = await makeComponent({ enabled: false });
    const data = await statusPage();
    const g = data.groups.find((x) => x.id === group.id)!;
    assert.equal(g.collapsed, true);
    assert.deepEqual(g.components.map((x) => x.id), [inGroup.id]);
    assert.equal(findComponent(data, inHidden.id), undefined);
    assert.equal(findComponent(data, disabled.id), undefined);
  });

  test("the menu is the first menu by id, with links to published pages and URLs only; pages by slug", async () => {
    const published = await post("/api/v1/pages", { title: "About us", slug: `${tag}-about`, body: "# Hello\n\n<script>x</script>", published: true });
    const draft = await post("/api/v1/pages", { title: "Draft", slug: `${tag}-draft` });
    const first = (await db.menu.findFirst({ orderBy: { id: "asc" }, select: { id: true } }))?.id;
    if (first === undefined) {
      await post("/api/v1/menus", { name: "Main", items: [{ label: "About", page_id: published.id }, { label: "Draft", page_id: draft.id }, { label: "Docs", url: "https://example.com/docs" }] });
    } else {
      await app.call("PATCH", `/api/v1/menus/${first}`, { headers: admin, json: { items: [{ label: "About", page_id: published.id }, { label: "Draft", page_id: draft.id }, { label: "Docs", url: "https://example.com/docs" }] } });
    }
    await post("/api/v1/menus", { name: "Second", items: [{ label: "Not shown", url: "https://example.com/" }] });
    assert.deepEqual(await siteMenu(), [
      { label: "About", href: `/p/${tag}-about` },
      { label: "Docs", href: "https://example.com/docs" },
    ]);
    const page = await publicPage(`${tag}-ABOUT `);
    assert.equal(page!.page.title, "About us");
    assert.equal(await publicPage(`${tag}-draft`), null);
    assert.equal(await publicPage("no-such-page"), null);
  });

  test("history: three UTC months per page, newest first, incidents by when they occurred, started maintenance", async () => {
    const now = new Date(Date.UTC(2031, 4, 15, 12));
    const inMay = await post("/api/v1/incidents", { name: `${tag} may`, occurred_at: "2031-05-02T10:00:00Z" });
    const inMarch = await post("/api/v1/incidents", { name: `${tag} march`, occurred_at: "2031-03-31T23:59:00Z" });
    const inFebruary = await post("/api/v1/incidents", { name: `${tag} feb`, occurred_at: "2031-02-28T10:00:00Z" });
    const maintenance = await post("/api/v1/maintenance", { name: `${tag} april work`, scheduled_start: "2031-04-10T00:00:00Z", scheduled_end: "2031-04-10T02:00:00Z" });
    await post("/api/v1/maintenance", { name: `${tag} future work`, scheduled_start: "2031-05-20T00:00:00Z", scheduled_end: "2031-05-20T02:00:00Z" });
    const first = await statusHistory(1, now);
    assert.deepEqual(first.months.map((m) => m.month), ["2031-05", "2031-04", "2031-03"]);
    assert.ok(first.months[0].incidents.some((i) => i.id === inMay.id));
    assert.ok(first.months[2].incidents.some((i) => i.id === inMarch.id));
    assert.ok(first.months[1].maintenance.some((m) => m.id === maintenance.id && m.status === "completed"));
    assert.ok(!first.months[0].maintenance.some((m) => m.name === `${tag} future work`), "upcoming maintenance is not history");
    assert.equal(first.hasOlder, true);
    const second = await statusHistory(2, now);
    assert.deepEqual(second.months.map((m) => m.month), ["2031-02", "2031-01", "2030-12"]);
    assert.ok(second.months[0].incidents.some((i) => i.id === inFebruary.id));
    const far = await statusHistory(10_000, now);
    assert.equal(far.hasOlder, false);
  });
});
