// A visitor subscribes from the status page, opens the confirmation link of the mail the capturing SMTP
// server received (e2e/serve-with-smtp.ts), sees "subscribed", and can then manage or leave.
import { expect, test } from "@playwright/test";
import { mailTo } from "./helpers";

test("subscribe from /, confirm by the e-mailed link, see subscribed, then unsubscribe", async ({ page }) => {
  const email = `visitor-${Date.now()}@example.com`;
  await page.goto("/");
  await page.getByRole("link", { name: "Subscribe", exact: true }).click();
  await expect(page).toHaveURL(/\/subscribe$/);
  await expect(page.getByRole("heading", { name: "Subscribe to updates" })).toBeVisible();

  // Keyboard only: the address, then the submit button.
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("E-mail address").press("Enter");
  await expect(page.getByTestId("subscribe-sent")).toContainText("Check your inbox to confirm your subscription.");

  let mails: ReturnType<typeof mailTo> = [];
  await expect.poll(() => (mails = mailTo(email)).length, { timeout: 15_000 }).toBe(1);
  const link = /https?:\/\/\S+\/subscribe\/confirm\?code=\S+/.exec(mails[0].text)?.[0];
  expect(link, mails[0].text).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "You are subscribed" })).toBeVisible();
  await expect(page.getByTestId("subscribed")).toContainText(`Subscribed: ${email}`);

  await page.getByRole("link", { name: "manage your subscription now" }).click();
  await expect(page.getByRole("heading", { name: "Manage your subscription" })).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByTestId("unsubscribed")).toContainText("You are unsubscribed.");
});

test("an altered confirmation link is refused with a clear message", async ({ page }) => {
  await page.goto("/subscribe/confirm?code=eyJwIjoiYyIsInMiOjF9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await expect(page.getByTestId("link-refused")).toContainText("This link is not valid.");
});
