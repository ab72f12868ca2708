// The profile page: who you are, and your API tokens (API.md §3, §5), driven through the browser.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, adminTest } from "./helpers";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function shownKey(page: Page): Promise<string> {
  const panel = page.getByTestId("key-panel");
  await expect(panel).toBeVisible();
  const key = await panel.getByTestId("new-key").inputValue();
  expect(key).toMatch(/^bcn_[0-9A-Za-z]{36}$/);
  return key;
}

test("anonymous visitors are sent to sign in, and come back to their profile", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login\?callbackUrl=(%2F|\/)profile$/);
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your profile");
  await expect(page.getByTestId("identity")).toContainText("admin@example.com");
});

adminTest("a token is created, shown once with curl examples, refreshed and revoked", async ({ page, request, baseURL }) => {
  adminTest.setTimeout(60_000); // many steps; the shared machine is slow at times
  const description = unique("e2e read-only");
  await page.goto("/profile");

  await page.getByLabel("Description").fill(description);
  await page.getByLabel("Write enabled").uncheck();
  await page.getByRole("button", { name: "Create token" }).click();
  const key = await shownKey(page);

  // Ready-to-paste curl for every header style, against this very origin.
  const examples = page.getByTestId("curl-example");
  await expect(examples).toHaveCount(5);
  const headers = [`Authorization: Token ${key}`, `Authorization: Bearer ${key}`, `X-Api-Key: ${key}`, `X-Cachet-Token: ${key}`, `api-key: ${key}`];
  await expect(examples).toHaveText(headers.map((h) => `curl -H "${h}" ${baseURL}/api/v1/user/self`));

  const self = await request.get("/api/v1/user/self", { headers: { "X-Api-Key": key } });
  expect(self.status()).toBe(200);
  expect((await self.json()).token).toMatchObject({ description, write_enabled: false });

  const row = page.getByTestId("token").filter({ hasText: description });
  await expect(row).toContainText("Read-only");

  // Shown once: a reload loses it, and it was never put in storage or the URL.
  await page.reload();
  await expect(page.getByTestId("token").filter({ hasText: description })).toBeVisible();
  await expect(page.getByTestId("key-panel")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  expect(page.url()).not.toContain(key);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(key);
  await expect(row).toContainText("from 127.0.0.1");

  // Refresh: a new key; the old one stops at once.
  await row.getByRole("button", { name: `Refresh key of ${description}` }).click();
  await page.getByRole("form", { name: `Refresh the key of ${description}` }).getByRole("button", { name: "Refresh now" }).click();
  const fresh = await shownKey(page);
  expect(fresh).not.toBe(key);
  expect((await request.get("/api/v1/user/self", { headers: { "X-Api-Key": key } })).status()).toBe(401);
  expect((await request.get("/api/v1/user/self", { headers: { "X-Api-Key": fresh } })).status()).toBe(200);

  // Dismissing the panel removes the key from the page.
  await page.getByTestId("key-panel").getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("key-panel")).toHaveCount(0);

  // Revoke, after confirming.
  await row.getByRole("button", { name: `Revoke ${description}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("token").filter({ hasText: description })).toHaveCount(0);
  expect((await request.get("/api/v1/user/self", { headers: { "X-Api-Key": fresh } })).status()).toBe(401);
});

adminTest("the API's field errors are shown next to the field", async ({ page }) => {
  await page.goto("/profile");
  await page.getByLabel("Description").fill(unique("e2e bad ip"));
  await page.getByLabel("Allowed IPs").fill("10.0.0.0/8, not-an-address");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Validation failed." })).toBeVisible();
  await expect(page.getByText('"not-an-address" is not an IPv4 or IPv6 address or CIDR network.')).toBeVisible();
  await expect(page.getByLabel("Allowed IPs")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("key-panel")).toHaveCount(0);
});

adminTest("Copy puts the key on the clipboard; without the Clipboard API it selects the key", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/profile");
  await page.getByLabel("Description").fill(unique("e2e copy"));
  await page.getByRole("button", { name: "Create token" }).click();
  const key = await shownKey(page);
  const copy = page.getByRole("button", { name: "Copy key" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  // A plain-http origin has no Clipboard API: the key is selected for Ctrl+C instead.
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await copy.click();
  await expect(page.getByTestId("key-panel").getByRole("status").filter({ hasText: "Selected" })).toHaveText("Selected: press Ctrl+C (⌘C) to copy.");
  expect(await page.getByTestId("new-key").evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0))).toBe(key);
});
