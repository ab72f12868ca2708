// The browser session (next-auth) reaches the API by cookie, with CSRF checks on writes.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

test("signing in gives the browsable API a cookie session; writes need a same-origin Origin", async ({ page, baseURL }) => {
  await signIn(page);
  const self = await page.request.get("/api/v1/user/self");
  expect(self.status()).toBe(200);
  const body = await self.json();
  expect(body.authentication).toBe("session");
  expect(body.user.email).toBe(ADMIN.email);

  const noOrigin = await page.request.post("/api/v1/components", { data: { name: "from the browser" } });
  expect(noOrigin.status()).toBe(403);
  expect(await noOrigin.json()).toEqual({ detail: "CSRF Failed: Origin checking failed." });
  const sameOrigin = await page.request.post("/api/v1/components", { data: { name: "from the browser" }, headers: { Origin: baseURL! } });
  expect(sameOrigin.status()).toBe(201);
  const crossOrigin = await page.request.post("/api/v1/components", { data: { name: "evil" }, headers: { Origin: "http://evil.example" } });
  expect(crossOrigin.status()).toBe(403);
  expect(await crossOrigin.json()).toEqual({ detail: "CSRF Failed: Origin checking failed." });
});

test("signing out from the site header ends that session on the server: a cookie copied before is dead, other browsers stay signed in", async ({ page, browser, playwright, baseURL }) => {
  await signIn(page);
  const copied = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  expect(copied, "the sign-in set a session cookie").toBeTruthy();
  const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: `${copied!.name}=${copied!.value}` } });
  expect((await thief.get("/api/v1/user/self")).status()).toBe(200);

  const otherBrowser = await browser.newContext({ baseURL });
  const otherPage = await otherBrowser.newPage();
  await signIn(otherPage);

  await page.goto("/");
  const signOut = page.waitForResponse((r) => r.url().includes("/api/auth/signout") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign out" }).click();
  expect((await signOut).ok()).toBe(true);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const self = await thief.get("/api/v1/user/self");
  expect(self.status()).toBe(401);
  expect(await self.json()).toEqual({ detail: "Authentication credentials were not provided." });
  const write = await thief.post("/api/v1/components", { data: { name: "with a stolen cookie" }, headers: { Origin: baseURL! } });
  expect(write.status()).toBe(401);
  const session = await thief.get("/api/auth/session");
  expect(await session.json()).toEqual({});

  const other = await otherPage.request.get("/api/v1/user/self");
  expect(other.status()).toBe(200);
  expect((await other.json()).authentication).toBe("session");
  await thief.dispose();
  await otherBrowser.close();
});

test("a wrong password is refused on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong e-mail or password.");
});

test("after signing in, the callbackUrl leads back into Beacon only, never to another site", async ({ page, baseURL }) => {
  for (const target of ["//example.invalid/phish", "/\\example.invalid/phish", "https://example.invalid/"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect(page.url(), target).toBe(`${baseURL}/`);
  }
});
