import { expect, test } from "@playwright/test";

test("the public status page shows the demo components", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beacon");
  const components = page.getByTestId("component");
  for (const name of ["Website", "API", "Payments"]) await expect(components.filter({ hasText: name }).first()).toBeVisible();
  await expect(components.filter({ hasText: "Payments" })).toContainText("Performance issues");
  await expect(page.getByTestId("incident")).toContainText("Slow card payments");
});
