// The team's role pickers: a role is saved only with its Save button (an arrow key once made a member
// "Public"), people are offered people's roles only, and only those the signed-in manager may assign.
import { expect as baseExpect, type APIRequestContext } from "@playwright/test";
import { ADMIN, adminTest, basicAuth, signIn } from "./helpers";

// This machine is shared and slow at times: the team list may take longer than 5 s to load.
const expect = baseExpect.configure({ timeout: 20_000 });
const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const asAdmin = { Authorization: basicAuth(ADMIN.email, ADMIN.password) };

async function createUser(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post("/api/v1/users", { headers: asAdmin, data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}
// The built-in Viewer role (lib/auth/permissions.ts).
const VIEWER = ["components:read", "incidents:read", "subscribers:read", "pages:read", "menus:read", "tokens:read", "tokens:write"];
const roleOf = async (request: APIRequestContext, id: number) => (await (await request.get(`/api/v1/users/${id}`, { headers: asAdmin })).json()).role;

adminTest("an arrow key on a member's role picker saves nothing; Save does, and says so", async ({ page, request }) => {
  const email = `${unique("viewer")}@example.com`;
  const user = await createUser(request, { email, role: "Viewer", password: "member-password-123" });
  const writes: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH" && r.url().includes("/api/v1/users/")) writes.push(r.url());
  });
  await page.goto("/admin");
  const picker = page.getByLabel(`Role of ${email}`, { exact: true });
  await expect(picker).toHaveValue(String(user.role_id));
  await picker.focus();
  await page.keyboard.press("ArrowUp");
  await expect(picker).not.toHaveValue(String(user.role_id));
  await expect(page.getByRole("button", { name: `Save role of ${email}` })).toBeVisible();
  await page.waitForTimeout(500);
  expect(writes, "no request before Save").toEqual([]);
  expect(await roleOf(request, user.id)).toBe("Viewer");

  await picker.selectOption({ label: "Editor" });
  await page.getByRole("button", { name: `Save role of ${email}` }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `Role of ${email} saved: Editor` })).toBeVisible();
  expect(await roleOf(request, user.id)).toBe("Editor");
  // Focus stays on the picker, not on the body, once the Save button is gone.
  await expect(page.getByRole("button", { name: `Save role of ${email}` })).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`Role of ${email}`);
  expect(writes).toHaveLength(1);
});

adminTest("people are never offered the Public role", async ({ page, request }) => {
  const email = `${unique("member")}@example.com`;
  await createUser(request, { email, role: "Viewer", password: "member-password-123" });
  await page.goto("/admin");
  await expect(page.getByLabel(`Role of ${email}`, { exact: true })).toBeEnabled();
  const options = await page.getByLabel(`Role of ${email}`, { exact: true }).locator("option").allTextContents();
  expect(options).toEqual(expect.arrayContaining(["Admin", "Editor", "Viewer"]));
  expect(options).not.toContain("Public");
  const addOptions = await page.getByRole("form", { name: "Add a member" }).getByLabel("Role", { exact: true }).locator("option").allTextContents();
  expect(addOptions).not.toContain("Public");
});

adminTest("a manager who is not an Admin is offered only the roles they may assign", async ({ browser, baseURL, request }) => {
  const leadRole = unique("Team lead");
  const res = await request.post("/api/v1/roles", {
    headers: asAdmin,
    data: { name: leadRole, permissions: [...VIEWER, "users:read", "users:write", "roles:read"] },
  });
  expect(res.status()).toBe(201);
  const leadEmail = `${unique("lead")}@example.com`;
  await createUser(request, { email: leadEmail, role: leadRole, password: "lead-password-123" });
  const viewer = `${unique("viewer")}@example.com`;
  await createUser(request, { email: viewer, role: "Viewer", password: "member-password-123" });
  const editor = `${unique("editor")}@example.com`;
  await createUser(request, { email: editor, role: "Editor", password: "member-password-123" });

  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signIn(page, leadEmail, "lead-password-123");
    await page.goto("/admin");
    await expect(page.getByLabel(`Role of ${viewer}`, { exact: true })).toBeEnabled();
    const options = await page.getByLabel(`Role of ${viewer}`, { exact: true }).locator("option").allTextContents();
    expect(options).toEqual(expect.arrayContaining([leadRole, "Viewer"]));
    for (const refused of ["Admin", "Editor", "Public"]) expect(options).not.toContain(refused);
    // An Editor holds components:write, which the lead lacks: the row is read-only for them.
    const editorRow = page.getByTestId("member").filter({ hasText: editor });
    await expect(editorRow.getByLabel(`Role of ${editor}`, { exact: true })).toHaveCount(0);
    await expect(editorRow.getByRole("button", { name: `Delete ${editor}` })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
