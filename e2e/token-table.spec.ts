// The profile's tokens: a compact table with search, filter and sort, expiry presets and badges, the
// grace window of a refreshed key, no Disable on an expired token, recent token events; and the whole
// create → copy → refresh → revoke round driven by the keyboard alone, focus never on the page body.
import { expect as baseExpect, type Page } from "@playwright/test";

// This machine is shared and slow at times: lists may take longer than 5 s to load.
const expect = baseExpect.configure({ timeout: 20_000 });
import { adminTest, adminToken } from "./helpers";

const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const focusedTag = (page: Page) => page.evaluate(() => (document.activeElement && document.activeElement !== document.body ? document.activeElement.tagName : "BODY"));

adminTest("expiry presets, 'expires in N days' badges, search, filter and sort", async ({ page, request }) => {
  const tag = unique("tbl");
  const soon = await request.post("/api/v1/tokens", {
    headers: { "X-Api-Key": await adminToken(request) },
    data: { description: `${tag} soon`, expires_at: new Date(Date.now() + 3 * 86400_000 + 3600_000).toISOString() },
  });
  expect(soon.status()).toBe(201);
  await page.goto("/profile");

  // The 7-day preset: the created token expires in a week.
  await page.getByLabel("Description").fill(`${tag} week`);
  await page.getByLabel("Expiration").selectOption({ label: "7 days" });
  await expect(page.getByTestId("expiry-summary")).toContainText("The token expires on");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("key-panel")).toBeVisible();
  const week = page.getByTestId("token").filter({ hasText: `${tag} week` });
  await expect(week).toContainText(/expires in [67] days/);

  await page.getByLabel("Description").fill(`${tag} forever`);
  await page.getByLabel("Expiration").selectOption({ label: "No expiration" });
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("token").filter({ hasText: `${tag} forever` })).toContainText("Never");

  await page.getByRole("search", { name: "Your tokens" }).getByLabel("Search").fill(tag);
  await expect(page.getByTestId("token")).toHaveCount(3);
  await expect(page.getByTestId("token").filter({ hasText: `${tag} soon` })).toContainText("expires in 3 days");
  await page.getByLabel("Sort").selectOption({ label: "Expiring first" });
  await expect(page.getByTestId("token").first()).toContainText(`${tag} soon`);
  await expect(page.getByTestId("token").last()).toContainText(`${tag} forever`);
  await page.getByLabel("State").selectOption({ label: "Expiring within 30 days" });
  await expect(page.getByTestId("token")).toHaveCount(2);
  await expect(page.getByTestId("token-count")).toContainText("2 of");
  await page.getByRole("search", { name: "Your tokens" }).getByLabel("Search").fill(`${tag} nothing-like-this`);
  await expect(page.getByText("No token matches")).toBeVisible();
});

adminTest("an expired token offers Revoke but no Disable", async ({ page, request }) => {
  const description = unique("expired");
  const res = await request.post("/api/v1/tokens", {
    headers: { "X-Api-Key": await adminToken(request) },
    data: { description, expires_at: new Date(Date.now() + 2500).toISOString() },
  });
  expect(res.status()).toBe(201);
  await page.waitForTimeout(3000);
  await page.goto("/profile");
  const row = page.getByTestId("token").filter({ hasText: description });
  await expect(row).toContainText("Expired");
  await expect(row.getByRole("button", { name: `Revoke ${description}` })).toBeVisible();
  await expect(row.getByRole("button", { name: `Disable ${description}` })).toHaveCount(0);
});

adminTest("a refresh with a grace window shows until when the previous key works, and the event is listed", async ({ page }) => {
  const description = unique("graceful");
  await page.goto("/profile");
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByTestId("key-panel").getByRole("button", { name: "Dismiss the new key" }).click();
  const row = page.getByTestId("token").filter({ hasText: description });
  await row.getByRole("button", { name: `Refresh key of ${description}` }).click();
  await page.getByLabel("The old key").selectOption({ label: "Keep the old key 1 hour" });
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByTestId("key-panel")).toContainText(`New key for “${description}”`);
  const grace = row.getByTestId("grace-window");
  await expect(grace).toContainText(/^Previous key valid until \d{1,2}:\d{2}/);
  const until = Date.parse((await grace.locator("time").getAttribute("datetime"))!);
  expect(Math.abs(until - (Date.now() + 3600_000))).toBeLessThan(120_000);
  await expect(page.getByTestId("token-events")).toContainText("Key refreshed");
  await expect(page.getByTestId("token-events")).toContainText("Token created");
});

adminTest("keyboard only: create, copy, refresh and revoke a token, focus never on the body", async ({ page, context }) => {
  adminTest.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const description = unique("keyboard");
  await page.goto("/profile");
  const checkFocus = async (step: string) => expect(await focusedTag(page), step).not.toBe("BODY");
  const tabTo = async (name: string | RegExp, max = 200, key = "Tab") => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(key);
      await checkFocus(`tabbing to ${name}`);
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? el.getAttribute("aria-label") || el.textContent?.trim() || (el as HTMLInputElement).labels?.[0]?.textContent?.trim() || "" : "";
      });
      if (typeof name === "string" ? label === name : name.test(label)) return;
    }
    throw new Error(`never reached ${name}`);
  };

  await tabTo("Description");
  await page.keyboard.type(description);
  await tabTo("Create token");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("key-panel")).toBeVisible();
  await checkFocus("after create");
  await tabTo("Copy key");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Copy key" })).toHaveText("Copied");
  const first = await page.getByTestId("new-key").inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  // Dismiss sits before Copy, in the panel's heading row.
  await tabTo("Dismiss the new key", 10, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("key-panel")).toHaveCount(0);
  await checkFocus("after Dismiss");

  await tabTo(`Refresh key of ${description}`, 400);
  await page.keyboard.press("Enter");
  await checkFocus("refresh form open");
  await tabTo("Refresh now");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("key-panel")).toBeVisible();
  expect(await page.getByTestId("new-key").inputValue()).not.toBe(first);
  await checkFocus("after refresh");
  await tabTo("Dismiss the new key", 10);
  await page.keyboard.press("Enter");
  await checkFocus("after second Dismiss");

  await tabTo(`Revoke ${description}`, 400);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await checkFocus("dialog open");
  await tabTo("Revoke token", 5);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("token").filter({ hasText: description })).toHaveCount(0);
  await expect(page.getByTestId("toast").filter({ hasText: "revoked" })).toBeVisible();
  await checkFocus("after revoke");
});
