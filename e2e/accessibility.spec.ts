// Every page scanned with axe-core in Chromium (WCAG 2.1 A and AA rules), light and dark, at phone and
// desktop width: no serious or critical violation. The admin pages are scanned signed in.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { adminTest } from "./helpers";

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
  for (const path of ["/", "/login", "/logout", "/docs/api", "/no-such-page", "/api/v1/?format=api"]) {
    test(`${path} has no serious or critical axe violation`, async ({ page }) => {
      test.setTimeout(150_000); // four full scans; the API reference is a long page
      await scan(page, path);
    });
  }
});

adminTest.describe("signed-in pages", () => {
  for (const path of ["/profile", "/admin", "/login", "/logout"]) {
    adminTest(`${path} has no serious or critical axe violation`, async ({ page }) => {
      adminTest.setTimeout(150_000);
      await scan(page, path);
    });
  }
});
