// The browsable API in a real browser (API.md §5): a signed-in admin reads, creates, opens and deletes a
// component from the HTML pages alone, the forms passing the CSRF check with the browser's own Origin.
import { expect, test } from "@playwright/test";
import { ADMIN, adminTest } from "./helpers";

adminTest("a signed-in browser browses the API: read, create with the POST form, open by its link, delete", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) blocked.push(msg.text());
  });

  await page.goto("/api/v1/components");
  await expect(page.getByTestId("status")).toHaveText("200 OK");
  await expect(page.getByTestId("who")).toContainText(`Signed in as ${ADMIN.email}`);
  await expect(page.getByTestId("who")).toContainText("browser session");
  await expect(page.locator("#response-body")).toContainText('"count":');
  await expect(page.locator("#response-body")).toContainText('"status_name": "Operational"');

  const name = `Made in the browser ${Date.now()}`;
  const post = page.getByRole("form", { name: "POST /api/v1/components" });
  await post.getByLabel("POST body (JSON)").fill(JSON.stringify({ name, status: 2 }, null, 2));
  await post.getByRole("button", { name: "Send POST" }).click();
  await expect(page.getByTestId("status")).toHaveText("201 Created");
  await expect(page.locator("#response-body")).toContainText(`"name": "${name}"`);
  await expect(page.locator("#response-body")).toContainText('"status_name": "Performance issues"');

  const idLink = page.locator("#response-body a.j-num");
  const id = (await idLink.textContent())!.trim();
  await idLink.click();
  await expect(page).toHaveURL(new RegExp(`/api/v1/components/${id}$`));
  await expect(page.getByTestId("status")).toHaveText("200 OK");
  await expect(page.locator("#response-body")).toContainText(`"name": "${name}"`);
  await expect(page.getByLabel("PATCH body (JSON)")).toHaveValue(new RegExp(`"name": "${name}"`));

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toContainText(`DELETE /api/v1/components/${id} → HTTP 204`);
  expect((await page.request.get(`/api/v1/components/${id}`)).status()).toBe(404);

  await page.reload();
  await expect(page.getByTestId("status")).toHaveText("404 Not Found");
  expect(blocked, "nothing on the page is refused by its own CSP").toEqual([]);
});

test("anonymous visitors see the API without forms, and a Sign in link that comes back", async ({ page }) => {
  await page.goto("/api/v1/");
  await expect(page.getByRole("heading", { name: "Beacon API v1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "API reference" }).first()).toHaveAttribute("href", "/docs/api");
  await page.getByRole("link", { name: "/api/v1/components", exact: true }).click();
  await expect(page).toHaveURL(/\/api\/v1\/components$/);
  await expect(page.getByTestId("who")).toContainText("Not signed in");
  await expect(page.locator("form")).toHaveCount(0);

  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fapi%2Fv1%2Fcomponents$/);
  await page.waitForLoadState("networkidle"); // the sign-in form works once React has hydrated it
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/api\/v1\/components$/);
  await expect(page.getByTestId("who")).toContainText(`Signed in as ${ADMIN.email}`);
  await expect(page.getByRole("form", { name: "POST /api/v1/components" })).toBeVisible();
});
