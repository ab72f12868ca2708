// The admin page: the team, roles and their permission matrix, the public API role (API.md §4, §5).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, adminTest, basicAuth, signIn } from "./helpers";

const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const asAdmin = { Authorization: basicAuth(ADMIN.email, ADMIN.password) };

async function createUser(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post("/api/v1/users", { headers: asAdmin, data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

adminTest("an admin adds a member with a password; the member is refused the admin page", async ({ page, browser, baseURL }) => {
  const email = `${unique("editor")}@example.com`;
  const password = "member-password-123";
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Name").fill("Edith Editor");
  await form.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Add member" }).click();
  const row = page.getByTestId("member").filter({ hasText: email });
  await expect(row).toContainText("Edith Editor");
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue(String((await (await page.request.get(`/api/v1/users?q=${email}`)).json()).results[0].role_id));

  const context = await browser.newContext({ baseURL });
  try {
    const member = await context.newPage();
    await signIn(member, email, password);
    await expect(member.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
    await member.goto("/admin");
    await expect(member.getByRole("alert").filter({ hasText: "You do not have permission" })).toBeVisible();
    await expect(member.getByRole("form", { name: "Add a member" })).toHaveCount(0);
    expect((await member.request.get("/api/v1/users")).status()).toBe(403);
  } finally {
    await context.close();
  }
});

test("anonymous visitors are sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?callbackUrl=(%2F|\/)admin$/);
});

adminTest("a bot member gets its first token, shown once", async ({ page, request }) => {
  const email = `${unique("bot")}@example.com`;
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await form.getByLabel("Create their first API token").check();
  await form.getByLabel("Token description").fill("ci bot");
  await form.getByRole("button", { name: "Add member" }).click();
  const panel = page.getByTestId("key-panel");
  await expect(panel).toContainText(`First API token of ${email}`);
  const key = await panel.getByTestId("new-key").inputValue();
  const self = await request.get("/api/v1/user/self", { headers: { "X-Api-Key": key } });
  expect(self.status()).toBe(200);
  expect((await self.json()).user.email).toBe(email);
});

adminTest("the public API role decides what anonymous requests get", async ({ page, request }) => {
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "Settings" });
  const anonymous = page.getByTestId("anonymous-permissions");
  try {
    await form.getByLabel("Public API role").selectOption({ label: "None — every request needs credentials" });
    await form.getByRole("button", { name: "Save settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Require credentials for every API request?" });
    await expect(dialog).toContainText("anonymous API clients will get 401 Unauthorized");
    await dialog.getByRole("button", { name: "Remove the public role" }).click();
    await expect(anonymous).toContainText("Nothing: every API request needs credentials.");
    expect((await request.get("/api/v1/components")).status()).toBe(401);

    await form.getByLabel("Public API role").selectOption({ label: "Public" });
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(anonymous).toContainText("components:read");
    expect((await request.get("/api/v1/components")).status()).toBe(200);
  } finally {
    const restore = await request.patch("/api/v1/settings", { headers: asAdmin, data: { public_role: "Public" } });
    expect(restore.status()).toBe(200);
  }
});

adminTest("a custom role's permission matrix is edited and saved", async ({ page }) => {
  const name = unique("Status writer");
  await page.goto("/admin");
  const create = page.getByRole("form", { name: "Create a role" });
  await create.getByLabel("Role name").fill(name);
  await create.getByRole("checkbox", { name: "components:read" }).check();
  await create.getByRole("button", { name: "Create role" }).click();

  const card = page.getByRole("region", { name, exact: true });
  await expect(card.getByRole("checkbox", { name: "components:read" })).toBeChecked();
  await card.getByRole("checkbox", { name: "components:read" }).uncheck();
  await card.getByRole("checkbox", { name: "incidents:read" }).check();
  await card.getByRole("checkbox", { name: "incidents:write" }).check();
  await card.getByRole("button", { name: `Save ${name}` }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");

  const found = (await (await page.request.get(`/api/v1/roles?q=${encodeURIComponent(name)}`)).json()).results;
  expect(found).toHaveLength(1);
  const role = await (await page.request.get(`/api/v1/roles/${found[0].id}`)).json();
  expect(role.permissions).toEqual(["incidents:read", "incidents:write"]);

  // The Admin role's matrix is read-only.
  await expect(page.getByRole("region", { name: "Admin", exact: true }).getByRole("checkbox", { name: "users:write" })).toBeDisabled();
});

adminTest("deleting a role in use shows the API's refusal", async ({ page, request }) => {
  const name = unique("Busy role");
  const res = await request.post("/api/v1/roles", { headers: asAdmin, data: { name, permissions: ["components:read"] } });
  expect(res.status()).toBe(201);
  await createUser(request, { email: `${unique("member")}@example.com`, role: name, password: "member-password-123" });
  await page.goto("/admin");
  const card = page.getByRole("region", { name, exact: true });
  await card.getByRole("button", { name: `Delete role ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete role" }).click();
  await expect(card.getByRole("alert")).toHaveText("This role is in use by 1 user.");
});

adminTest("a member whose token management is switched off is told so on their profile", async ({ page, browser, baseURL, request }) => {
  const email = `${unique("viewer")}@example.com`;
  const password = "member-password-123";
  await createUser(request, { email, role: "Viewer", password });
  await page.goto("/admin");
  const toggle = page.getByLabel(`${email} may manage API tokens`);
  await expect(toggle).toBeChecked();
  const saved = page.waitForResponse((r) => r.url().includes("/api/v1/users/") && r.request().method() === "PATCH");
  await toggle.uncheck();
  expect((await saved).status()).toBe(200);
  await expect(toggle).not.toBeChecked();

  const context = await browser.newContext({ baseURL });
  try {
    const member = await context.newPage();
    await signIn(member, email, password);
    await member.goto("/profile");
    await expect(member.getByTestId("token-management-off")).toContainText("switched off token management");
    await expect(member.getByRole("button", { name: "Create token" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
