// With NEXTAUTH_URL or BEACON_PUBLIC_URL set, that configured origin is the truth for every absolute link
// (pagination, the API root and v1 index, browsable links, OpenAPI servers) and for the CSRF origin;
// the client's Host counts only when none is configured (X-Forwarded-Host only via a trusted proxy,
// which Beacon's server hands over as x-beacon-host).
import { afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp, type CallOptions } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";

let app: TestApp;
let key: string;

const PUBLIC = "https://status.example.org";
const CSRF = { detail: "CSRF Failed: Origin checking failed." };

/** Every absolute URL Beacon builds for a request, gathered from the places that build them. */
async function builtUrls(options: CallOptions = {}) {
  const headers = { ...tokenHeader(key), ...options.headers };
  const list = await app.call("GET", "/api/v1/components/?limit=1&offset=1", { ...options, headers });
  const root = await app.call("GET", "/api/", { ...options, headers });
  const v1 = await app.call("GET", "/api/v1/", { ...options, headers });
  const openapi = await app.call("GET", "/api/v1/openapi.json", { ...options, headers });
  const page = await app.call("GET", "/api/v1/?format=api", { ...options, headers });
  assert.ok(list.body.next && list.body.previous, "two pages of components to link");
  return { next: list.body.next, previous: list.body.previous, root: root.body.v1, v1: v1.body.components, server: openapi.body.servers[0].url, html: page.text };
}

async function csrfStatus(origin: string, options: CallOptions = {}): Promise<number> {
  const user = await seedUser({ role: "Editor" });
  const res = await app.call("POST", "/api/v1/components", { ...options, headers: { Cookie: await sessionCookie(user.id), Origin: origin, ...options.headers }, json: { name: "csrf" } });
  if (res.status === 403) assert.deepEqual(res.body, CSRF);
  return res.status;
}

describeDb("the configured public URL", () => {
  before(async () => {
    app = await testApp();
    key = (await seedToken((await seedUser({ role: "Admin" })).id)).key;
    for (const name of ["one", "two", "three"]) {
      assert.equal((await app.call("POST", "/api/v1/components", { headers: tokenHeader(key), json: { name } })).status, 201);
    }
  });
  afterEach(() => {
    delete process.env.NEXTAUTH_URL;
    delete process.env.BEACON_PUBLIC_URL;
  });

  test("NEXTAUTH_URL alone: every built link and the CSRF origin use it, not the client's Host", async () => {
    process.env.NEXTAUTH_URL = `${PUBLIC}/`;
    const urls = await builtUrls({ headers: { host: "attacker.example" } });
    assert.equal(urls.next, `${PUBLIC}/api/v1/components/?limit=1&offset=2`);
    assert.equal(urls.previous, `${PUBLIC}/api/v1/components/?limit=1`);
    assert.equal(urls.root, `${PUBLIC}/api/v1/`);
    assert.equal(urls.v1, `${PUBLIC}/api/v1/components`);
    assert.equal(urls.server, `${PUBLIC}/`);
    assert.ok(urls.html.includes(`href="${PUBLIC}/api/v1/components"`), "the browsable page links the public URLs");
    assert.ok(!urls.html.includes("attacker.example"));

    assert.equal(await csrfStatus(PUBLIC), 201);
    assert.equal(await csrfStatus("http://beacon.test"), 403, "the Host's origin is not the site's origin any more");
    assert.equal(await csrfStatus("http://attacker.example", { headers: { host: "attacker.example" } }), 403, "a forged Host cannot make a cross-site write same-origin");
  });

  test("BEACON_PUBLIC_URL wins over NEXTAUTH_URL", async () => {
    process.env.NEXTAUTH_URL = "http://internal.example:3000";
    process.env.BEACON_PUBLIC_URL = PUBLIC;
    const urls = await builtUrls();
    assert.deepEqual([urls.root, urls.server], [`${PUBLIC}/api/v1/`, `${PUBLIC}/`]);
    assert.equal(await csrfStatus(PUBLIC), 201);
    assert.equal(await csrfStatus("http://internal.example:3000"), 403);
  });

  test("nothing configured: the Host, or the host a trusted proxy forwarded", async () => {
    let urls = await builtUrls({ headers: { host: "status.internal:8080" } });
    assert.deepEqual([urls.root, urls.server, urls.next], ["http://status.internal:8080/api/v1/", "http://status.internal:8080/", "http://status.internal:8080/api/v1/components/?limit=1&offset=2"]);
    assert.equal(await csrfStatus("http://beacon.test"), 201);

    const proxied = { "x-beacon-host": "status.example.org", "x-beacon-proto": "https" };
    urls = await builtUrls({ headers: proxied });
    assert.deepEqual([urls.root, urls.server], [`${PUBLIC}/api/v1/`, `${PUBLIC}/`]);
    assert.equal(await csrfStatus(PUBLIC, { headers: proxied }), 201);
  });
});
