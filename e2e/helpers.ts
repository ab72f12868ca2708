import { test, type APIRequestContext, type Page } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The admin that the e2e server creates on its first run (playwright.config.ts hands these to it). */
export const ADMIN = { email: "admin@example.com", password: "e2e-admin-password-123" };

/** Where the setup project (auth.setup.ts) saves the admin's signed-in browser state for this run. */
export const adminStatePath = () => path.join(process.env.E2E_DATA_DIR || os.tmpdir(), "admin-storage-state.json");

/**
 * A test whose `page` starts signed in as the admin, from the state saved once by the setup project.
 * Only the page's own context carries the session: `request` and new contexts stay anonymous.
 */
export const adminTest = test.extend({
  context: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: adminStatePath() });
    await use(context);
    await context.close();
  },
});

export const basicAuth = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

/** Creates a token for the admin through the API and returns its key. */
export async function adminToken(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post("/api/v1/tokens", { headers: { Authorization: basicAuth(ADMIN.email, ADMIN.password) }, data: body });
  if (res.status() !== 201) throw new Error(`token creation failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).key;
}

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  const callback = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await callback;
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The mails the e2e server's capturing SMTP server received for `address` (e2e/serve-with-smtp.ts), oldest first. */
export function mailTo(address: string): { subject: string; text: string; html: string; headers: Record<string, string> }[] {
  const dir = path.join(process.env.E2E_DATA_DIR || os.tmpdir(), "mail");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort((a, b) => Number(a.split("-")[0]) - Number(b.split("-")[0]) || a.localeCompare(b))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")))
    .filter((m) => m.to.includes(address));
}
