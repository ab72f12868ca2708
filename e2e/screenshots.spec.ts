// Screenshots of every screen of the account, admin and docs pages in light and dark, at 390 and 1280 px,
// kept as test artifacts (test-results/screenshots-*/) to be looked at; each also checks no sideways scrolling.
import { expect, test, type Page } from "@playwright/test";
import { adminTest } from "./helpers";

const SCHEMES = ["light", "dark"] as const;
const WIDTHS = [390, 1280];

async function shoot(page: Page, path: string, name: string) {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${width} px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: test.info().outputPath(`${name}-${colorScheme}-${width}.png`), fullPage: width === 390 ? false : true });
    }
  }
}

for (const [path, name] of [
  ["/login", "login"],
  ["/logout", "logout"],
  ["/no-such-page", "404"],
  ["/docs/api", "docs-api"],
] as const) {
  test(`screenshots of ${path}`, async ({ page }) => {
    test.setTimeout(90_000);
    await shoot(page, path, name);
  });
}

for (const [path, name] of [
  ["/profile", "profile"],
  ["/admin", "admin"],
  ["/login", "login-signed-in"],
] as const) {
  adminTest(`screenshots of ${path}, signed in`, async ({ page }) => {
    adminTest.setTimeout(90_000);
    await shoot(page, path, name);
  });
}
