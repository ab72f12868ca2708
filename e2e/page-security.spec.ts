// Page headers and a clean console (issue 9 item 19): every page carries a Content-Security-Policy whose
// scripts run by a per-request nonce, pages cannot be framed, and Chromium reports no CSP violation, no
// hydration error and no other console error on the status page, sign-in, profile, admin, the API
// reference and the browsable API.
import { expect, test, type Page, type Response } from "@playwright/test";
import { adminToken, signIn } from "./helpers";

/** Console errors, uncaught page errors and CSP violation events of a page, as text. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("crash", () => problems.push("crash"));
  // Chromium's "Failed to load resource" names no URL: say which.
  page.on("response", (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== "document" && res.request().resourceType() !== "fetch") problems.push(`${res.status()} ${res.url()}`);
  });
  return problems;
}

async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
}

function cspOf(res: Response | null): Record<string, string> {
  const csp = res?.headers()["content-security-policy"] ?? "";
  return Object.fromEntries(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.slice(d.split(/\s+/)[0].length).trim()]));
}

/** Visits a path and checks the page's own security headers (the app's pages, not the browsable API). */
async function visitAppPage(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(500);
  const csp = cspOf(res);
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp["script-src"] ?? "")?.[1];
  expect(nonce, `${path}: script-src has a nonce (${csp["script-src"]})`).toBeTruthy();
  expect(csp["script-src"], path).not.toContain("unsafe-inline");
  expect(csp["frame-ancestors"], path).toBe("'none'");
  expect(csp["object-src"], path).toBe("'none'");
  expect(res?.headers()["x-frame-options"], path).toBe("DENY");
  // Next put the nonce on its own scripts: each one carries it (the DOM hides the attribute, not the property).
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const n of scripts) expect(n, `${path}: a script without the nonce`).toBe(nonce);
  await page.waitForLoadState("networkidle");
}

test("the status page with Markdown incident updates hydrates with no error, under a nonce CSP", async ({ page, request }) => {
  const key = await adminToken(request);
  const headers = { Authorization: `Token ${key}` };
  const incident = await request.post("/api/v1/incidents", { headers, data: { name: `CSP check ${Date.now()}`, message: "First paragraph.\n\nSecond **paragraph**.", status: 1 } });
  expect(incident.status()).toBe(201);
  const update = await request.post(`/api/v1/incidents/${(await incident.json()).id}/updates`, { headers, data: { status: 2, message: "Found it.\n\nA second paragraph, with a [link](/docs/api).\n\n- and\n- a list" } });
  expect(update.status()).toBe(201);

  try {
    const problems = collectProblems(page);
    await watchViolations(page);
    await visitAppPage(page, "/");
    await expect(page.getByTestId("incident").filter({ hasText: "Found it." })).toContainText("A second paragraph");
    expect(problems).toEqual([]);
  } finally {
    // The other specs share this database and expect only the demo incident.
    await request.delete(`/api/v1/incidents/${(await incident.json()).id}`, { headers });
  }
});

test("sign-in, profile, admin, the API reference and a missing page: nonce CSP, not framable, no console error", async ({ page }) => {
  const problems = collectProblems(page);
  await watchViolations(page);
  // The status pages besides / (the demo incident and page that setup creates).
  for (const path of ["/history", "/incidents/1", "/p/about"]) await visitAppPage(page, path);
  await visitAppPage(page, "/login");
  await visitAppPage(page, "/docs/api");
  await visitAppPage(page, "/no-such-page");
  // The browser reports the 404 of the page itself; nothing else may appear.
  expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
  problems.length = 0;

  await signIn(page);
  for (const path of ["/", "/profile", "/admin", "/docs/api"]) await visitAppPage(page, path);
  expect(problems).toEqual([]);
});

test("the browsable API keeps its own strict CSP and shows no console error", async ({ page }) => {
  const problems = collectProblems(page);
  await watchViolations(page);
  await signIn(page);
  for (const path of ["/api/v1/", "/api/v1/components"]) {
    const res = await page.goto(path);
    expect(res?.headers()["content-type"]).toContain("text/html");
    const csp = cspOf(res);
    expect(csp["default-src"]).toBe("'none'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp["script-src"]).toMatch(/^'nonce-[^']+'$/);
    await page.waitForLoadState("networkidle");
  }
  expect(problems).toEqual([]);
});
