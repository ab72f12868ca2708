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
  expect(crossOrigin.status()).toBe(401);
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
