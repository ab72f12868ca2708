// The browsable API (API.md §5): a browser gets each response as an HTML page with the same status and
// headers, the JSON pretty-printed and escaped, links, who is signed in and forms for what they may do.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, describeDb, testApp, tokenHeader, type CallOptions, type CallResult, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { sessionCookie } from "../helpers/session.ts";
import { jsonShownIn } from "../helpers/openapi.ts";
import { generateKey } from "../../lib/auth/keys.ts";
import { escapeHtml } from "../../lib/api/browsable.ts";
import { db } from "../../lib/db.ts";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
const HTML = { Accept: BROWSER };
const INTERESTING = ["allow", "cache-control", "retry-after", "token-expires", "vary", "www-authenticate"];

let app: TestApp;
let admin: Record<string, string>;
let adminSession: Record<string, string>;

const isHtml = (res: CallResult) => (res.headers.get("content-type") ?? "").startsWith("text/html; charset=utf-8");
const forms = (res: CallResult) => [...res.text.matchAll(/<form [^>]*data-method="([A-Z]+)"/g)].map((m) => m[1]);
const scripts = (text: string) => text.match(/<script/gi) ?? [];

async function make(json: Record<string, unknown>) {
  const res = await app.call("POST", "/api/v1/components", { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** The same request as JSON and as HTML: same status, same interesting headers, same JSON. */
async function both(method: string, path: string, options: CallOptions = {}) {
  const json = await app.call(method, path, options);
  const html = await app.call(method, path, { ...options, headers: { ...options.headers, ...HTML } });
  assert.ok(!isHtml(json), `${method} ${path}: JSON by default`);
  assert.ok(isHtml(html), `${method} ${path}: HTML for a browser`);
  assert.equal(html.status, json.status, `${method} ${path}: same status`);
  for (const name of INTERESTING) assert.equal(html.headers.get(name), json.headers.get(name), `${method} ${path}: same ${name}`);
  assert.deepEqual(html.body, json.body, `${method} ${path}: the page shows the JSON`);
  return { json, html };
}

describeDb("browsable API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    const { id } = await db.user.findUniqueOrThrow({ where: { email: app.adminEmail }, select: { id: true } });
    adminSession = { Cookie: await sessionCookie(id), Origin: ORIGIN };
  });

  test("negotiation: HTML when Accept prefers text/html, or ?format=api; ?format=json always JSON", async () => {
    const table: [string | null, string, "json" | "html"][] = [
      [null, "", "json"],
      ["*/*", "", "json"],
      ["application/json", "", "json"],
      ["application/json; indent=4", "", "json"],
      [BROWSER, "", "html"],
      ["text/html", "", "html"],
      ["application/xhtml+xml", "", "html"],
      ["text/*", "", "html"],
      ["text/html, application/json", "", "json"],
      ["application/json, text/html", "", "json"],
      ["text/html;q=0.5, application/json", "", "json"],
      ["application/json;q=0.5, text/html", "", "html"],
      ["text/html;q=0, */*", "", "json"],
      ["TEXT/HTML", "", "html"],
      ["text/plain", "", "json"],
      ["garbage", "", "json"],
      [null, "format=api", "html"],
      ["application/json", "format=api", "html"],
      [BROWSER, "format=json", "json"],
      ["text/html", "format=json", "json"],
      [BROWSER, "format=other", "html"],
    ];
    for (const [accept, query, expected] of table) {
      const res = await app.call("GET", `/api/v1/components${query ? `?${query}` : ""}`, { headers: accept === null ? {} : { Accept: accept } });
      assert.equal(res.status, 200);
      assert.equal(isHtml(res) ? "html" : "json", expected, `Accept: ${accept} ?${query}`);
      if (expected === "json") assert.equal(res.headers.get("content-type"), "application/json");
    }
    const pretty = await app.call("GET", "/api/v1/components?limit=1", { headers: { Accept: "application/json; indent=4" } });
    assert.equal(pretty.text, JSON.stringify(pretty.body, null, 4), "indent=N keeps working");
  });

  test("?format= does not disturb filters, and pagination links keep it", async () => {
    const tag = `fmt${Date.now()}`;
    for (let i = 0; i < 3; i++) await make({ name: `${tag} ${i}`, status: 4 });
    const json = await app.call("GET", `/api/v1/components?q=${tag}&status=4&limit=2&format=json`, { headers: HTML });
    assert.equal(json.headers.get("content-type"), "application/json");
    assert.equal(json.body.count, 3);
    assert.equal(json.body.next, `${ORIGIN}/api/v1/components?q=${tag}&status=4&limit=2&format=json&offset=2`);
    const html = await app.call("GET", `/api/v1/components?q=${tag}&status=4&limit=2&format=api`);
    assert.ok(isHtml(html));
    assert.equal(html.body.count, 3);
    const next = `${ORIGIN}/api/v1/components?q=${tag}&status=4&limit=2&format=api&offset=2`;
    assert.equal(html.body.next, next);
    assert.ok(html.text.includes(`<a class="j-str" href="${escapeHtml(next)}">`), "the next page is a link");
    assert.ok(html.text.includes(`href="/api/v1/components?q=${tag}&amp;status=4&amp;limit=2&amp;format=json"`), "a link to the same as JSON");
  });

  test("same status and headers as the JSON for 200, 401, 403, 404, 405, 429, OPTIONS and HEAD", async () => {
    await both("GET", "/api/v1/components");
    await both("GET", "/api/v1/components", { headers: admin });
    const { html: anon401 } = await both("GET", "/api/v1/users");
    assert.equal(anon401.headers.get("www-authenticate"), 'Bearer realm="api"');
    const { html: bad401 } = await both("GET", "/api/v1/components", { headers: { Authorization: `Token ${generateKey()}` }, ip: "203.0.113.77" });
    assert.equal(bad401.headers.get("www-authenticate"), 'Bearer realm="api", error="invalid_token"');
    const viewer = await seedUser({ role: "Viewer" });
    const { key: viewerKey } = await seedToken(viewer.id);
    const { html: forbidden } = await both("POST", "/api/v1/components", { headers: tokenHeader(viewerKey), json: { name: "nope" } });
    assert.equal(forbidden.status, 403);
    await both("GET", "/api/v1/components/999999");
    const { html: unknown } = await both("GET", "/api/v1/nope/nothing");
    assert.equal(unknown.status, 404);
    const { html: wrongMethod } = await both("PUT", "/api/v1/components", { json: {} });
    assert.deepEqual([wrongMethod.status, wrongMethod.headers.get("allow")], [405, "GET, POST, HEAD, OPTIONS"]);
    assert.ok(wrongMethod.text.includes("Allow: GET, POST, HEAD, OPTIONS"), "the page shows the Allow header");

    const ip = "203.0.113.78";
    for (let i = 0; i < 60; i++) await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip });
    const throttled = await app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey(), ...HTML }, ip });
    assert.ok(isHtml(throttled));
    assert.equal(throttled.status, 429);
    assert.match(throttled.headers.get("retry-after") ?? "", /^\d+$/);
    assert.ok(throttled.text.includes(`Retry-After: ${throttled.headers.get("retry-after")}`));

    const soon = await seedToken(viewer.id, { expiresAt: new Date(Date.now() + 2 * 86400_000) });
    const { html: expiring } = await both("GET", "/api/v1/user/self", { headers: tokenHeader(soon.key) });
    assert.ok(expiring.headers.get("token-expires"));
    assert.equal(expiring.headers.get("cache-control"), "private, no-store");

    const { html: options } = await both("OPTIONS", "/api/v1/components");
    assert.equal(options.headers.get("allow"), "GET, POST, HEAD, OPTIONS");
    const head = await app.call("HEAD", "/api/v1/components", { headers: HTML });
    assert.deepEqual([head.status, head.text, isHtml(head)], [200, "", true], "HEAD: the headers of the page, no body");
    const deleted = await app.call("DELETE", `/api/v1/components/${(await make({ name: "to delete" })).id}`, { headers: { ...admin, ...HTML } });
    assert.deepEqual([deleted.status, deleted.text, deleted.headers.get("content-type")], [204, "", null], "204 has no body, HTML or not");
  });

  test("the page: request line, status, headers, breadcrumbs and the JSON exactly as JSON.stringify(…, 2)", async () => {
    const c = await make({ name: "Shown", description: "pretty", status: 2 });
    const res = await app.call("GET", `/api/v1/components/${c.id}/`, { headers: HTML });
    assert.equal(res.status, 200);
    assert.equal(jsonShownIn(res.text), JSON.stringify(c, null, 2));
    assert.ok(res.text.includes(`<code>/api/v1/components/${c.id}/</code>`), "the request line");
    assert.ok(res.text.includes(">200 OK<"), "the status");
    assert.ok(res.text.includes("Vary: Accept, Authorization, Cookie, X-Api-Key, X-Cachet-Token, api-key"));
    for (const crumb of ['href="/api/"', 'href="/api/v1/"', 'href="/api/v1/components"']) assert.ok(res.text.includes(crumb), crumb);
    assert.match(res.text, /<title>200 GET \/api\/v1\/components\/\d+\/ · Beacon API<\/title>/);
  });

  test("response strings are escaped: no markup from data reaches the page", async () => {
    const evil = await make({
      name: "<script>alert(1)</script>",
      description: "</textarea><script>alert(2)</script><img src=x onerror=alert(3)>",
      link: `${ORIGIN}/x"><script>alert(4)</script>`,
    });
    for (const [path, headers] of [
      [`/api/v1/components/${evil.id}`, { ...adminSession, ...HTML }],
      [`/api/v1/components?q=${encodeURIComponent("<script>")}`, HTML],
      ["/api/v1/components/%3Cscript%3Ealert(5)%3C%2Fscript%3E", HTML],
      [`/api/v1/components?format=api&name=${encodeURIComponent("<script>alert(6)</script>")}&x='"><svg onload=alert(7)>`, {}],
    ] as const) {
      const res = await app.call("GET", path, { headers });
      assert.ok(isHtml(res), path);
      assert.equal(scripts(res.text).length, 1, `${path}: only Beacon's own script`);
      assert.doesNotMatch(res.text, /<(img|svg|textarea>)[^>]*on\w+=/i);
      assert.doesNotMatch(res.text, /<\/textarea><script/);
    }
    const detail = await app.call("GET", `/api/v1/components/${evil.id}`, { headers: { ...adminSession, ...HTML } });
    assert.ok(detail.text.includes("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"), "the name, escaped");
    assert.equal(detail.body.name, "<script>alert(1)</script>", "and still the same JSON");
    assert.ok(detail.text.includes(`href="${ORIGIN}/x&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;"`), "an own-origin URL is a link, escaped");
  });

  test("links: own-origin URLs and the ids of listed or created objects; other sites' URLs stay text", async () => {
    const external = await make({ name: "Linked elsewhere", link: "https://status.example.com/page" });
    const list = await app.call("GET", `/api/v1/components?q=${encodeURIComponent("Linked elsewhere")}`, { headers: HTML });
    assert.ok(list.text.includes(`<a class="j-num" href="/api/v1/components/${external.id}"`), "a listed object's id links to it");
    assert.ok(!list.text.includes('href="https://status.example.com/page"'), "a URL on another site is not a link");

    const index = await app.call("GET", "/api/v1/", { headers: HTML });
    assert.ok(index.text.includes(`<a class="j-str" href="${ORIGIN}/api/v1/components">`));
    for (const href of ["/docs/api", "/api/v1/openapi.json?format=json", "/api/v1/components/groups", "/api/v1/user/self"]) {
      assert.ok(index.text.includes(`href="${escapeHtml(href)}"`), href);
    }
    const root = await app.call("GET", "/api/", { headers: HTML });
    assert.ok(root.text.includes(`<a class="j-str" href="${ORIGIN}/api/v1/">`));
    assert.ok(root.text.includes('href="/docs/api"'));
    assert.deepEqual(Object.keys(root.body), ["v1", "graphql", "docs", "openapi"], "the intro is not part of the JSON");
  });

  test("who is signed in, and a Sign in link back to this page when nobody is", async () => {
    const anon = await app.call("GET", "/api/v1/components?status=1", { headers: HTML });
    assert.match(anon.text, /Not signed in/);
    assert.ok(anon.text.includes(`href="/login?callbackUrl=${encodeURIComponent("/api/v1/components?status=1")}"`));
    const session = await app.call("GET", "/api/v1/components", { headers: { ...adminSession, ...HTML } });
    assert.match(session.text, /Signed in as <strong>admin@example\.com<\/strong> · role Admin · by browser session/);
    assert.ok(session.text.includes('href="/api/auth/signout"'));
    const viewer = await seedUser({ role: "Viewer" });
    const { key } = await seedToken(viewer.id, { writeEnabled: false });
    const token = await app.call("GET", "/api/v1/components", { headers: { ...tokenHeader(key), ...HTML } });
    assert.match(token.text, new RegExp(`Signed in as <strong>${viewer.email.replace(/\./g, "\\.")}</strong> · role Viewer · by token <code>bcn_.{4}….{4}</code> \\(read-only\\)`));
    assert.ok(!token.text.includes(key), "never the key");
  });

  test("forms only for the methods the principal may use", async () => {
    const c = await make({ name: "Form target", description: "before", status: 1, order: 3 });
    const anon = await app.call("GET", "/api/v1/components", { headers: HTML });
    assert.deepEqual(forms(anon), [], "anonymous: no POST form");
    assert.deepEqual(forms(await app.call("GET", `/api/v1/components/${c.id}`, { headers: HTML })), []);
    assert.deepEqual(forms(await app.call("GET", "/api/v1/components", { headers: { ...adminSession, ...HTML } })), ["POST"]);
    assert.deepEqual(forms(await app.call("GET", `/api/v1/components/${c.id}`, { headers: { ...adminSession, ...HTML } })), ["PUT", "PATCH", "DELETE"]);
    assert.deepEqual(forms(await app.call("GET", "/api/v1/components", { headers: { ...admin, ...HTML } })), ["POST"], "a token works too");

    const viewer = await seedUser({ role: "Viewer" });
    const viewerSession = { Cookie: await sessionCookie(viewer.id) };
    assert.deepEqual(forms(await app.call("GET", "/api/v1/components", { headers: { ...viewerSession, ...HTML } })), [], "a Viewer may not write components");
    assert.deepEqual(forms(await app.call("GET", "/api/v1/tokens", { headers: { ...viewerSession, ...HTML } })), ["POST"], "but may make tokens");

    const { id: adminId } = await db.user.findUniqueOrThrow({ where: { email: app.adminEmail }, select: { id: true } });
    const readOnly = tokenHeader((await seedToken(adminId, { writeEnabled: false })).key);
    assert.deepEqual(forms(await app.call("GET", "/api/v1/components", { headers: { ...readOnly, ...HTML } })), [], "a read-only token: no write forms");
    assert.deepEqual(forms(await app.call("GET", `/api/v1/components/${c.id}`, { headers: { ...readOnly, ...HTML } })), []);
    assert.deepEqual(forms(await app.call("GET", "/api/v1/tokens/self", { headers: { ...readOnly, ...HTML } })), ["DELETE"], "except revoking itself");

    const revoke = await app.call("GET", "/api/v1/tokens/revoke", { headers: HTML });
    assert.equal(revoke.status, 405);
    assert.deepEqual(forms(revoke), ["POST"], "revoking leaked keys needs no credentials");
    assert.deepEqual(forms(await app.call("GET", "/api/v1/nope", { headers: { ...adminSession, ...HTML } })), [], "unknown paths offer nothing");
  });

  test("PUT and PATCH forms hold the current object, with only the fields they accept; a write through them works", async () => {
    const c = await make({ name: "Prefilled", description: "as it is", status: 3, order: 7 });
    const page = await app.call("GET", `/api/v1/components/${c.id}`, { headers: { ...adminSession, ...HTML } });
    const prefill = /<textarea id="body-patch"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)?.[1];
    assert.ok(prefill, "a PATCH textarea");
    const body = JSON.parse(prefill.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
    assert.deepEqual(body, { name: "Prefilled", description: "as it is", link: "", status: 3, order: 7, group_id: null, enabled: true });
    assert.match(page.text, /<textarea id="body-put"[^>]*>\{\n {2}&quot;name&quot;: &quot;Prefilled&quot;/);
    // What the page's script sends: the body, JSON, Accept text/html, and the browser's own Origin.
    const sent = await app.call("PATCH", `/api/v1/components/${c.id}`, {
      headers: { ...adminSession, Accept: "text/html" },
      json: { ...body, description: "changed in the browser" },
    });
    assert.ok(isHtml(sent));
    assert.equal(sent.status, 200);
    assert.equal(sent.body.description, "changed in the browser");
    const list = await app.call("GET", "/api/v1/components", { headers: { ...adminSession, ...HTML } });
    assert.match(list.text, /<textarea id="body-post"[^>]*>\{\}<\/textarea>/, "POST starts from {}");
  });

  test("a POST through the page answers the page of the new object; CSRF still applies", async () => {
    const created = await app.call("POST", "/api/v1/components", { headers: { ...adminSession, Accept: "text/html" }, json: { name: "Made in the browser", status: 2 } });
    assert.ok(isHtml(created));
    assert.equal(created.status, 201);
    assert.ok(created.text.includes(">201 Created<"));
    assert.equal(created.body.name, "Made in the browser");
    assert.ok(created.text.includes(`<a class="j-num" href="/api/v1/components/${created.body.id}"`), "the new object's id links to it");
    const { Cookie } = adminSession;
    const csrf = await app.call("POST", "/api/v1/components", { headers: { Cookie, Accept: "text/html" }, json: { name: "no origin" } });
    assert.deepEqual([csrf.status, csrf.body], [403, { detail: "CSRF Failed: Origin checking failed." }]);
    assert.ok(isHtml(csrf));
  });

  test("a token's key shows only in the answer that created it, as in JSON", async () => {
    const created = await app.call("POST", "/api/v1/tokens", { headers: { ...adminSession, Accept: "text/html" }, json: { description: "browsable" } });
    assert.equal(created.status, 201);
    assert.match(created.body.key, /^bcn_/);
    assert.ok(created.text.includes(created.body.key));
    assert.deepEqual(forms(created), ["POST"]);
    assert.match(created.text, /<textarea id="body-post"[^>]*>\{\}<\/textarea>/, "the form after it is empty again");
    const read = await app.call("GET", `/api/v1/tokens/${created.body.id}`, { headers: { ...adminSession, ...HTML } });
    assert.equal(read.status, 200);
    assert.ok(!read.text.includes(created.body.key), "never again");
    assert.ok(!read.text.includes(created.body.key.slice(4, 34)), "not even in part");
  });

  test("a strict Content-Security-Policy with a fresh nonce for the one inline script, and nosniff", async () => {
    const seen = new Set<string>();
    for (const path of ["/api/v1/components", "/api/v1/users", "/api/v1/nope"]) {
      const res = await app.call("GET", path, { headers: HTML });
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      assert.ok(nonce, `${path}: ${csp}`);
      assert.equal(
        csp,
        `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      );
      assert.ok(res.text.includes(`<script nonce="${nonce}">`));
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.doesNotMatch(res.text, /<link |<script src|\s(src|href)="https?:\/\/(?!beacon\.test\/)/i, "nothing loads from elsewhere");
      seen.add(nonce);
    }
    assert.equal(seen.size, 3, "a nonce per response");
    const json = await app.call("GET", "/api/v1/components");
    assert.equal(json.headers.get("content-security-policy"), null, "JSON responses are unchanged");
  });
});
