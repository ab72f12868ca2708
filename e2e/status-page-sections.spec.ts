// Each section of the public status page, against data seeded through the API: the banner and "Last
// updated", an incident with its affected components and timeline, maintenance in progress and upcoming,
// uptime bars after status changes, collapsible groups; /history, /incidents/{id}, /p/{slug} and the
// branded 404; light and dark, phone and desktop, with screenshots kept in the test's output folder.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken } from "./helpers";

const HOUR = 3_600_000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const run = Math.random().toString(36).slice(2, 7);

let headers: Record<string, string>;
const created: string[] = [];
const seeded: { groupName: string; down: number; slow: number; plain: number; incident: number; hiddenIncident: number; draft: string; names: Record<string, string> } = {
  groupName: `Edge ${run}`,
  down: 0,
  slow: 0,
  plain: 0,
  incident: 0,
  hiddenIncident: 0,
  draft: `draft-${run}`,
  names: {},
};

async function post(request: APIRequestContext, path: string, data: Record<string, unknown>) {
  const res = await request.post(path, { headers, data });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  if (!path.includes("/updates")) created.push(`${path}/${body.id}`);
  return body;
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test.beforeAll(async ({ request }) => {
  headers = { Authorization: `Token ${await adminToken(request)}` };
  const group = await post(request, "/api/v1/components/groups", { name: seeded.groupName, collapsed: true, order: 5 });
  seeded.names = { down: `CDN ${run}`, slow: `DNS ${run}`, plain: `Search ${run}` };
  seeded.down = (await post(request, "/api/v1/components", { name: seeded.names.down, group_id: group.id })).id;
  seeded.slow = (await post(request, "/api/v1/components", { name: seeded.names.slow, group_id: group.id })).id;
  seeded.plain = (await post(request, "/api/v1/components", { name: seeded.names.plain, order: 50 })).id;
  const incident = await post(request, "/api/v1/incidents", {
    name: `Edge outage ${run}`,
    message: "Requests to the **CDN** fail.",
    components: [{ id: seeded.down, status: 4 }, { id: seeded.slow, status: 2 }],
  });
  seeded.incident = incident.id;
  await post(request, `/api/v1/incidents/${incident.id}/updates`, { status: 2, message: "Identified: a bad [config push](https://example.com/)." });
  await post(request, `/api/v1/incidents/${incident.id}/updates`, { status: 3, message: "A fix is out; watching." });
  seeded.hiddenIncident = (await post(request, "/api/v1/incidents", { name: `Hidden ${run}`, visible: false })).id;
  await post(request, "/api/v1/maintenance", { name: `Search reindex ${run}`, message: "Searches may be slow.", scheduled_start: iso(-HOUR), scheduled_end: iso(HOUR), component_ids: [seeded.plain] });
  await post(request, "/api/v1/maintenance", { name: `Database upgrade ${run}`, scheduled_start: iso(24 * HOUR), scheduled_end: iso(26 * HOUR), component_ids: [seeded.slow] });
  await post(request, "/api/v1/pages", { title: "Draft", slug: seeded.draft, body: "secret", published: false });
});

// The other specs share this database and expect only the demo data.
test.afterAll(async ({ request }) => {
  for (const path of created.reverse()) await request.delete(path, { headers });
});

test("/ shows the banner, the incident with its components and timeline, maintenance and the uptime bars", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await expect(page).toHaveTitle(/Beacon/);

  const banner = page.getByTestId("overall");
  await expect(banner).toHaveAttribute("data-status", "major_outage");
  await expect(banner).toContainText("Major outage");
  await expect(page.getByTestId("last-updated")).toHaveText(/^Last updated \d\d:\d\d UTC$/);

  const incident = page.getByTestId("active-incidents").getByTestId("incident").filter({ hasText: `Edge outage ${run}` });
  await expect(incident.getByTestId("affected-components")).toContainText(`${seeded.names.down}: Major outage`);
  await expect(incident.getByTestId("affected-components")).toContainText(`${seeded.names.slow}: Performance issues`);
  await expect(incident.getByTestId("incident-update")).toHaveCount(2);
  await expect(incident.getByTestId("incident-update").first()).toContainText("Watching");
  await expect(incident.getByTestId("incident-update").first()).toContainText(/just now|minute/);
  await expect(incident.getByTestId("incident-update").nth(1).getByRole("link", { name: "config push" })).toHaveAttribute("href", "https://example.com/");
  await expect(incident.getByTestId("incident-reported")).toContainText("Requests to the CDN fail.");
  await expect(incident.getByTestId("incident-reported").locator("strong", { hasText: "CDN" })).toBeVisible();

  const maintenance = page.getByTestId("maintenance-section");
  await expect(maintenance.getByTestId("maintenance").filter({ hasText: `Search reindex ${run}` })).toHaveAttribute("data-status", "in_progress");
  await expect(maintenance.getByTestId("maintenance").filter({ hasText: `Database upgrade ${run}` })).toHaveAttribute("data-status", "scheduled");
  await expect(maintenance).toContainText(/starts in (1 day|24 hours)/);

  // The component under maintenance shows it; its stored status (operational) is unchanged.
  const plain = page.locator(`[data-component-id="${seeded.plain}"]`);
  await expect(plain).toContainText("Under maintenance");

  // Collapsed group: closed at first, opened by its summary (keyboard too).
  const group = page.locator("details").filter({ hasText: seeded.groupName });
  await expect(group).not.toHaveAttribute("open", "");
  await expect(group.locator("summary")).toContainText("Major outage");
  await group.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(group).toHaveAttribute("open", "");

  const down = page.locator(`[data-component-id="${seeded.down}"]`);
  await expect(down).toContainText("Major outage");
  const cells = down.getByTestId("uptime").locator("li");
  await expect(cells).toHaveCount(90);
  await expect(cells.last()).toHaveAttribute("data-worst", "4");
  await expect(cells.last()).toHaveAttribute("title", /Major outage, (\d+ min of outage|no outage)/);
  await expect(cells.first()).toHaveAttribute("data-worst", "none");
  await expect(page.getByRole("list", { name: "Uptime bar legend" })).toContainText("Partial outage");

  const footer = page.getByRole("contentinfo");
  for (const [name, href] of [["RSS", "/feed.rss"], ["Atom", "/feed.atom"], ["Status JSON", "/api/v2/summary.json"], ["Subscribe to updates", "/subscribe"]]) {
    await expect(footer.getByRole("link", { name })).toHaveAttribute("href", href);
  }
  await expect(page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "About" })).toHaveAttribute("href", "/p/about");

  await shoot(page, "status-light-1280");
  await page.emulateMedia({ colorScheme: "dark" });
  await shoot(page, "status-dark-1280");
});

test("/ on a phone: 30 days of uptime, dark and light", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const cells = page.locator(`[data-component-id="${seeded.plain}"]`).getByTestId("uptime").locator("li");
  await expect(cells).toHaveCount(90);
  expect(await cells.evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetWidth > 0).length)).toBe(30);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shoot(page, "status-light-390");
  await page.emulateMedia({ colorScheme: "dark" });
  await shoot(page, "status-dark-390");
});

test("an uptime cell follows a status change", async ({ page, request }) => {
  const res = await request.patch(`/api/v1/components/${seeded.plain}`, { headers, data: { status: 3 } });
  expect(res.status()).toBe(200);
  await page.goto("/");
  const cells = page.locator(`[data-component-id="${seeded.plain}"]`).getByTestId("uptime").locator("li");
  await expect(cells.last()).toHaveAttribute("data-worst", "3");
  await expect(page.locator(`[data-component-id="${seeded.plain}"]`)).toContainText("Under maintenance");
  await request.patch(`/api/v1/components/${seeded.plain}`, { headers, data: { status: 1 } });
});

test("/history lists the incident under this month and links to its page with the whole timeline", async ({ page }) => {
  await page.goto("/history");
  await expect(page).toHaveTitle(/Incident history · Beacon/);
  const month = page.getByTestId("history-month").first();
  await expect(month.getByRole("heading", { level: 2 })).toHaveText(new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date()));
  await expect(month).toContainText(`Search reindex ${run}`);
  await expect(month).not.toContainText(`Hidden ${run}`);
  await shoot(page, "history-light-1280");
  await month.getByRole("link", { name: `Edge outage ${run}` }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${seeded.incident}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edge outage ${run}`);
  await expect(page).toHaveTitle(`Edge outage ${run} · Beacon`);
  await expect(page.getByTestId("incident-update")).toHaveCount(2);
  await expect(page.getByTestId("affected-components")).toContainText(seeded.names.down);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await shoot(page, "incident-dark-390");
});

test("/p/{slug} renders a published page with the menu; drafts, unknown pages and hidden incidents are the branded 404", async ({ page }) => {
  await page.goto("/p/about");
  await expect(page).toHaveTitle("About this status page · Beacon");
  await expect(page.getByTestId("content-page").getByRole("heading", { name: "About", exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Site" })).toContainText("About");
  await shoot(page, "page-light-1280");
  for (const path of [`/p/${seeded.draft}`, "/p/no-such-page", `/incidents/${seeded.hiddenIncident}`, "/incidents/2147483648", "/incidents/abc", "/no-such-page"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.locator("body")).not.toContainText("secret");
  }
  await shoot(page, "not-found-light-1280");
});
