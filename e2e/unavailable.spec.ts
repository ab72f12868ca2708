// With the database down, the built app's HTML pages are a friendly "temporarily unavailable" page
// with status 503 and Retry-After, never a 500 or a stack trace. A second Beacon server from the same
// build is started on a PostgreSQL URL whose port refuses connections.
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT) + 1;
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", `import { startServer } from "./server.ts"; await startServer({ port: ${port}, hostname: "127.0.0.1" }); console.log("ready");`],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://postgres@127.0.0.1:1/beacon",
        NEXTAUTH_SECRET: randomBytes(16).toString("hex"),
        BEACON_TOKEN_PEPPER: randomBytes(16).toString("hex"),
        NEXTAUTH_URL: base,
      },
    },
  );
  server.stderr!.resume();
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    server.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
});

test.afterAll(() => {
  server?.kill();
});

const LEAKS = /ECONNREFUSED|Prisma|node_modules|\/work\/|\n\s+at /;

test("HTML pages answer 503 + Retry-After with the friendly page, never a 500 or a stack", async ({ request }) => {
  const home = await request.get(`${base}/`, { headers: { Accept: "text/html" }, maxRedirects: 0 });
  expect(home.status()).toBe(503);
  expect(Number(home.headers()["retry-after"])).toBeGreaterThan(0);
  const text = await home.text();
  expect(text).toContain("This page is temporarily unavailable.");
  expect(text).not.toMatch(LEAKS);
  for (const page of ["/profile", "/admin", "/login", "/docs/api"]) {
    const res = await request.get(`${base}${page}`, { headers: { Accept: "text/html" }, maxRedirects: 0 });
    expect([200, 303, 307, 503], `${page}: ${res.status()}`).toContain(res.status());
    if (res.status() === 503) expect(Number(res.headers()["retry-after"]), page).toBeGreaterThan(0);
    expect(await res.text(), page).not.toMatch(LEAKS);
  }
  const api = await request.get(`${base}/api/v1/components`);
  expect(api.status()).toBe(503);
  expect(await api.json()).toEqual({ detail: "Service temporarily unavailable." });
});

test("in a browser, a page that needs the database shows the friendly page", async ({ page }) => {
  for (const url of ["/", "/profile"]) {
    await page.goto(`${base}${url}`);
    await expect(page.getByText("This page is temporarily unavailable."), url).toBeVisible();
  }
});
