// The review's findings on the account, admin and docs screens, fixed (issue 11 item 4): no sideways
// scrolling on a phone, focus never dropped to the body, in-app confirmation dialogs, toasts, the
// unsaved-changes guard, the sign-in and sign-out pages, the 404, and the API reference's filter.
import { expect as baseExpect, test, type Page } from "@playwright/test";

// This machine is shared and slow at times: lists may take longer than 5 s to load.
const expect = baseExpect.configure({ timeout: 20_000 });
import { ADMIN, adminTest, basicAuth, signIn } from "./helpers";

const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const asAdmin = { Authorization: basicAuth(ADMIN.email, ADMIN.password) };
const PHONE = { width: 390, height: 844 };

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? "BODY" : `${el.tagName.toLowerCase()}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""}`;
  });

async function createToken(page: Page, description: string) {
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("key-panel")).toBeVisible();
}

adminTest.describe("phone, 390 px", () => {
  adminTest.use({ viewport: PHONE });

  adminTest("a created token's panel fits: no sideways scrolling, Copy and Dismiss on screen", async ({ page }) => {
    await page.goto("/profile");
    await createToken(page, unique("phone token"));
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    for (const name of ["Copy key", "Dismiss the new key"]) {
      const box = (await page.getByRole("button", { name, exact: true }).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(PHONE.width);
    }
    // Each curl example wraps within the screen and is reachable by keyboard.
    const example = page.getByTestId("curl-example").first();
    const box = (await example.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await example.focus();
    expect(await focused(page)).toMatch(/^pre\[curl example/);
  });

  adminTest("the team is stacked: no sideways scrolling, full-width role pickers, Deactivate visible", async ({ page, request }) => {
    const email = `${unique("phone-member")}@example.com`;
    expect((await request.post("/api/v1/users", { headers: asAdmin, data: { email, role: "Viewer", password: "member-password-123" } })).status()).toBe(201);
    await page.goto("/admin");
    const picker = page.getByLabel(`Role of ${email}`, { exact: true });
    await expect(picker).toBeEnabled();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect((await picker.boundingBox())!.width).toBeGreaterThan(250);
    const deactivate = page.getByRole("button", { name: `Deactivate ${email}` });
    await deactivate.scrollIntoViewIfNeeded();
    const box = (await deactivate.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await expect(deactivate).toBeInViewport({ ratio: 1 });
  });
});

test("a failed sign-in keeps focus on the password field, with the message announced", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong e-mail or password.");
  await expect(page.getByLabel("Password")).toBeFocused();
});

test("every bad field of the sign-in form is reported, and a message clears as the user types", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("This field may not be blank.")).toHaveCount(2);
  await expect(page.getByLabel("E-mail")).toBeFocused();
  await page.getByLabel("E-mail").fill("someone@example.com");
  await expect(page.getByText("This field may not be blank.")).toHaveCount(1);
});

adminTest("the login page says who is already signed in", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("already-signed-in")).toContainText(`You are already signed in as ${ADMIN.email}`);
});

adminTest("an API field error moves focus to its field, and clears once the field is edited", async ({ page }) => {
  await page.goto("/profile");
  await page.getByLabel("Description").fill(unique("bad ip"));
  await page.getByLabel("Allowed IPs").fill("not-an-address");
  await page.getByRole("button", { name: "Create token" }).click();
  const message = page.getByText('"not-an-address" is not an IPv4 or IPv6 address or CIDR network.');
  await expect(message).toBeVisible();
  await expect(page.getByLabel("Allowed IPs")).toBeFocused();
  await page.getByLabel("Allowed IPs").fill("10.0.0.0/8");
  await expect(message).toHaveCount(0);
});

adminTest("Dismiss and Revoke never drop focus to the body; Escape cancels the dialog and returns focus", async ({ page }) => {
  const description = unique("focus token");
  await page.goto("/profile");
  await createToken(page, description);
  await expect(page.getByRole("heading", { name: new RegExp(description) })).toBeFocused();
  await page.getByRole("button", { name: "Dismiss the new key" }).click();
  await expect(page.getByTestId("key-panel")).toHaveCount(0);
  expect(await focused(page)).not.toBe("BODY");

  const revoke = page.getByRole("button", { name: `Revoke ${description}` });
  await revoke.click();
  const dialog = page.getByRole("dialog", { name: `Revoke the token “${description}”?` });
  await expect(dialog).toContainText("stops working at once");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();

  await revoke.click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Token “${description}” revoked` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Revoke ${description}` })).toHaveCount(0);
  expect(await focused(page)).not.toBe("BODY");
});

adminTest("deleting a member and a role asks first, says so, and keeps focus in the page", async ({ page, request }) => {
  const email = `${unique("doomed")}@example.com`;
  expect((await request.post("/api/v1/users", { headers: asAdmin, data: { email, role: "Viewer", password: "member-password-123" } })).status()).toBe(201);
  const role = unique("Doomed role");
  expect((await request.post("/api/v1/roles", { headers: asAdmin, data: { name: role, permissions: ["components:read"] } })).status()).toBe(201);
  await page.goto("/admin");

  await page.getByRole("button", { name: `Delete ${email}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("all their API tokens are deleted");
  await dialog.getByRole("button", { name: "Delete member" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${email} deleted` })).toBeVisible();
  await expect(page.getByTestId("member").filter({ hasText: email })).toHaveCount(0);
  expect(await focused(page)).not.toBe("BODY");

  await page.getByRole("button", { name: `Delete role ${role}` }).click();
  await dialog.getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Role ${role} deleted` })).toBeVisible();
  await expect(page.getByRole("region", { name: role, exact: true })).toHaveCount(0);
  expect(await focused(page)).not.toBe("BODY");
});

adminTest("unsaved changes: leaving through a link asks first", async ({ page }) => {
  await page.goto("/profile");
  await page.getByLabel("Description").fill("half-typed");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  const dialog = page.getByRole("dialog", { name: "Leave this page?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Stay on this page" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByLabel("Description")).toHaveValue("half-typed");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await dialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
});

test("a skip link is the first stop of the keyboard and lands on the content", async ({ page }) => {
  for (const path of ["/login", "/docs/api", "/no-such-page"]) {
    await page.goto(path);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" }), path).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main"), path).toBeFocused();
  }
});

test("the 404 page has the site's header and the site name in its title", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page).toHaveTitle(/^Page not found · /);
});

// Signs in afresh: signing out revokes that session, which must not be the shared admin state's.
test("Beacon's own sign-out page: NextAuth's GET /api/auth/signout lands on it", async ({ page }) => {
  await signIn(page);
  await page.goto("/api/auth/signout");
  await expect(page).toHaveURL(/\/logout$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Sign out of /);
  await expect(page).toHaveTitle(/^Sign out · /);
  const signedOut = page.waitForResponse((r) => r.url().includes("/api/auth/signout") && r.request().method() === "POST");
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  expect((await signedOut).ok()).toBe(true);
  await page.goto("/logout");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are signed out");
});

test("the API reference filters its endpoints as you type", async ({ page }) => {
  await page.goto("/docs/api");
  const cards = page.locator("article[data-op-search]");
  const total = await cards.count();
  expect(total).toBeGreaterThan(20);
  await page.getByLabel("Filter endpoints").fill("tokens refresh");
  await expect(page.getByRole("status").filter({ hasText: "endpoints match" })).toHaveText(/^1 of \d+ endpoints match\.$/);
  await expect(cards.locator("visible=true")).toHaveCount(1);
  await expect(cards.locator("visible=true")).toContainText("/api/v1/tokens/{id}/refresh");
  await page.getByLabel("Filter endpoints").fill("");
  await expect(cards.locator("visible=true")).toHaveCount(total);
});
