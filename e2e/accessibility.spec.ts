// Every page scanned with axe-core in Chromium (WCAG 2.1 A and AA rules), light and dark, at phone and
// desktop width: no serious or critical violation. The admin pages are scanned signed in.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, adminTest, basicAuth, mailTo } from "./helpers";
import { startReceiver } from "../tests/helpers/webhook-receiver";

const WIDTHS = [390, 1280];
const SCHEMES = ["light", "dark"] as const;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

async function scan(page: Page, path: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), `${path} at ${width} px, ${colorScheme}`).toEqual([]);
    }
  }
}

test.describe("public pages", () => {
  // /incidents/1 and /p/about are the demo incident and page that setup creates.
  for (const path of ["/", "/history", "/incidents/1", "/p/about", "/login", "/logout", "/docs/api", "/no-such-page", "/api/v1/?format=api", "/subscribe", "/subscribe/confirm?code=x", "/subscribe/manage?code=x"]) {
    test(`${path} has no serious or critical axe violation`, async ({ page }) => {
      test.setTimeout(150_000); // four full scans; the API reference is a long page
      await scan(page, path);
    });
  }
});

test("the subscription confirm and manage pages reached by real e-mailed links have no serious or critical axe violation", async ({ page, request }) => {
  test.setTimeout(200_000);
  const email = `a11y-${Date.now()}@example.com`;
  expect((await request.post("/api/v1/subscriptions", { data: { email } })).status()).toBe(202);
  await expect.poll(() => mailTo(email).length, { timeout: 15_000 }).toBe(1);
  const confirm = new URL(/https?:\/\/\S+\/subscribe\/confirm\?code=\S+/.exec(mailTo(email)[0].text)![0]);
  await page.goto(confirm.pathname + confirm.search);
  const manage = await page.getByRole("link", { name: "manage your subscription now" }).getAttribute("href");
  await scan(page, confirm.pathname + confirm.search);
  await scan(page, manage!);
});

adminTest.describe("signed-in pages", () => {
  for (const path of ["/profile", "/admin", "/login", "/logout"]) {
    adminTest(`${path} has no serious or critical axe violation`, async ({ page }) => {
      adminTest.setTimeout(150_000);
      await scan(page, path);
    });
  }
});

// The admin page's Webhooks section with an endpoint and a delivery in its table.
adminTest("/admin with webhook deliveries has no serious or critical axe violation", async ({ page, request }) => {
  adminTest.setTimeout(150_000);
  const receiver = await startReceiver();
  try {
    const asAdmin = { Authorization: basicAuth(ADMIN.email, ADMIN.password) };
    const hook = await request.post("/api/v1/webhooks", { headers: asAdmin, data: { url: receiver.url, events: ["incident.created"] } });
    expect(hook.status()).toBe(201);
    await request.post("/api/v1/incidents", { headers: asAdmin, data: { name: "Axe webhook incident" } });
    await receiver.waitFor(1);
    await scan(page, "/admin#webhooks");
    await request.delete(`/api/v1/webhooks/${(await hook.json()).id}`, { headers: asAdmin });
  } finally {
    await receiver.close();
  }
});
