import type { APIRequestContext, Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "e2e-admin-password-123" };

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
