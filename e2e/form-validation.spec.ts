// The profile, admin and sign-in forms check their fields in the browser with the API's own schemas:
// the API's message shows beside the field before anything is sent.
import { expect, test, type Page } from "@playwright/test";
import { adminTest } from "./helpers";

function writesTo(page: Page, path: string): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && new URL(r.url()).pathname === path) seen.push(r.method());
  });
  return seen;
}

adminTest("an expiry in the past is refused on the token form, and nothing is sent", async ({ page }) => {
  const writes = writesTo(page, "/api/v1/tokens");
  await page.goto("/profile");
  await page.getByLabel("Description").fill("e2e past expiry");
  await page.getByLabel("Expiration").selectOption({ label: "Custom date…" });
  await page.getByLabel("Expires").fill("2001-01-01T10:00");
  await page.getByLabel("Expires").blur();
  await expect(page.getByText("The expiry must be in the future.")).toBeVisible();
  await expect(page.getByLabel("Expires")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("The expiry must be in the future.")).toBeVisible();
  await expect(page.getByTestId("key-panel")).toHaveCount(0);
  expect(writes).toEqual([]);
});

adminTest("the add-member form shows a malformed e-mail and a short password as soon as the field is left", async ({ page }) => {
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByLabel("E-mail").fill("not-an-email");
  await form.getByLabel("Password").fill("short");
  await form.getByLabel("Name").click();
  await expect(form.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(form.getByText("Ensure this field has at least 8 characters.")).toBeVisible();
  await form.getByLabel("Password").fill("long-enough-password");
  await expect(form.getByText("Ensure this field has at least 8 characters.")).toHaveCount(0);
});

adminTest("a blank role name is refused on the create-role form before sending", async ({ page }) => {
  const writes = writesTo(page, "/api/v1/roles");
  await page.goto("/admin");
  const create = page.getByRole("form", { name: "Create a role" });
  await create.getByLabel("Role name").fill("   ");
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(create.getByText("This field may not be blank.")).toBeVisible();
  expect(writes).toEqual([]);
});

test("the sign-in form names an empty field when it is left", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").focus();
  await page.getByLabel("Password").focus();
  await expect(page.getByText("This field may not be blank.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
});
