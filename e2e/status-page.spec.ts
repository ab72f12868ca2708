import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the public status page shows the demo components", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beacon");
  const components = page.getByTestId("component");
  for (const name of ["Website", "API", "Payments"]) await expect(components.filter({ hasText: name }).first()).toBeVisible();
  await expect(components.filter({ hasText: "Payments" })).toContainText("Performance issues");
  await expect(page.getByTestId("incident").filter({ hasText: "Slow card payments" })).toContainText("Payments: Performance issues");
});

test("the header follows the session: sign in, profile, admin, sign out", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/docs/api");
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Profile" })).toHaveCount(0);

  await signIn(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beacon");
  await expect(nav.getByRole("link", { name: "Profile" })).toHaveAttribute("href", "/profile");
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveAttribute("href", "/admin");
  await expect(nav.getByRole("link", { name: "Sign in" })).toHaveCount(0);

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.request.get("/api/v1/user/self")).status()).toBe(401);
});
