// /api/v1/menus: CRUD with ordered items replaced whole, links to unpublished pages hidden from anonymous
// readers, permissions, pagination and validation.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { db } from "../../lib/db.ts";
import { MenuOut } from "../../lib/validation/menus.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/menus";
let serial = 0;

async function tokenFor(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  return tokenHeader((await seedToken(user.id, options)).key);
}

async function makePage(published: boolean) {
  const res = await app.call("POST", "/api/v1/pages", {
    headers: admin,
    json: { title: `Page ${++serial}`, slug: `menu-page-${Date.now().toString(36)}-${serial}`, published },
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function makeMenu(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", BASE, { headers: admin, json: { name: `Menu ${++serial}`, ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("menus API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create, read, list, PATCH, PUT and DELETE; items keep their order", async () => {
    const page = await makePage(true);
    const items = [
      { label: "Status", url: "/" },
      { label: "About", page_id: page.id },
      { label: "Company", url: "https://example.com/about?x=1" },
      { label: "Docs", url: "/docs/getting-started" },
    ];
    let res = await app.call("POST", BASE, { headers: admin, json: { name: "Footer", items } });
    assert.equal(res.status, 201, res.text);
    const menu = res.body;
    MenuOut.parse(menu);
    assert.deepEqual(Object.keys(menu).sort(), ["created_at", "id", "items", "name", "updated_at"]);
    assert.deepEqual(menu.items, [
      { label: "Status", url: "/", page_id: null },
      { label: "About", url: null, page_id: page.id },
      { label: "Company", url: "https://example.com/about?x=1", page_id: null },
      { label: "Docs", url: "/docs/getting-started", page_id: null },
    ]);

    res = await app.call("GET", `${BASE}/${menu.id}`, { headers: admin });
    assert.deepEqual([res.status, res.body], [200, menu]);

    // What the API returns can be written back as is (url/page_id null counts as absent).
    res = await app.call("PUT", `${BASE}/${menu.id}`, { headers: admin, json: { name: menu.name, items: [...menu.items].reverse() } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.items.map((i: { label: string }) => i.label), ["Docs", "Company", "About", "Status"]);

    // PATCH without items keeps them; with items replaces all of them.
    res = await app.call("PATCH", `${BASE}/${menu.id}`, { headers: admin, json: { name: "Footer links" } });
    assert.deepEqual([res.body.name, res.body.items.length], ["Footer links", 4]);
    res = await app.call("PATCH", `${BASE}/${menu.id}`, { headers: admin, json: { items: [{ label: "Home", url: "/" }] } });
    assert.deepEqual(res.body.items, [{ label: "Home", url: "/", page_id: null }]);
    assert.equal(await db.menuItem.count({ where: { menuId: menu.id } }), 1, "old items are gone, not orphaned");

    // PUT without items empties the menu.
    res = await app.call("PUT", `${BASE}/${menu.id}`, { headers: admin, json: { name: "Empty" } });
    assert.deepEqual([res.status, res.body.name, res.body.items], [200, "Empty", []]);

    res = await app.call("GET", `${BASE}?name=empty`, { headers: admin });
    assert.ok(res.body.results.some((m: { id: number }) => m.id === menu.id));

    assert.equal((await app.call("DELETE", `${BASE}/${menu.id}`, { headers: admin })).status, 204);
    assert.equal((await app.call("GET", `${BASE}/${menu.id}`, { headers: admin })).status, 404);
    assert.equal(await db.menuItem.count({ where: { menuId: menu.id } }), 0);
  });

  test("anonymous readers do not see links to unpublished pages", async () => {
    const published = await makePage(true);
    const draft = await makePage(false);
    const menu = await makeMenu({
      items: [
        { label: "Out", url: "https://example.org" },
        { label: "Draft", page_id: draft.id },
        { label: "Live", page_id: published.id },
      ],
    });
    let res = await app.call("GET", `${BASE}/${menu.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((i: { label: string }) => i.label), ["Out", "Live"]);
    res = await app.call("GET", `${BASE}?name=${encodeURIComponent(menu.name)}`);
    assert.deepEqual(res.body.results[0].items.map((i: { label: string }) => i.label), ["Out", "Live"]);
    await setPublicRole("Admin");
    try {
      assert.deepEqual((await app.call("GET", `${BASE}/${menu.id}`)).body.items.map((i: { label: string }) => i.label), ["Out", "Live"]);
    } finally {
      await setPublicRole("Public");
    }
    const viewer = await tokenFor("Viewer");
    res = await app.call("GET", `${BASE}/${menu.id}`, { headers: viewer });
    assert.deepEqual(res.body.items.map((i: { label: string }) => i.label), ["Out", "Draft", "Live"]);

    // Publishing the page shows the link; deleting a page removes its links.
    await app.call("PATCH", `/api/v1/pages/${draft.id}`, { headers: admin, json: { published: true } });
    assert.equal((await app.call("GET", `${BASE}/${menu.id}`)).body.items.length, 3);
    assert.equal((await app.call("DELETE", `/api/v1/pages/${published.id}`, { headers: admin })).status, 204);
    assert.deepEqual((await app.call("GET", `${BASE}/${menu.id}`, { headers: viewer })).body.items.map((i: { label: string }) => i.label), ["Out", "Draft"]);
  });

  test("page_id must exist: 400 naming the item", async () => {
    const page = await makePage(true);
    let res = await app.call("POST", BASE, {
      headers: admin,
      json: { name: "Broken", items: [{ label: "ok", page_id: page.id }, { label: "a", url: "/a" }, { label: "gone", page_id: 999999 }] },
    });
    assert.deepEqual([res.status, res.body], [400, { detail: "Validation failed.", errors: { "items.2.page_id": ["Page 999999 does not exist."] } }]);
    assert.equal(await db.menu.count({ where: { name: "Broken" } }), 0);

    const menu = await makeMenu({ items: [{ label: "keep", url: "/keep" }] });
    res = await app.call("PATCH", `${BASE}/${menu.id}`, { headers: admin, json: { name: "Renamed", items: [{ label: "gone", page_id: 999999 }] } });
    assert.deepEqual([res.status, Object.keys(res.body.errors)], [400, ["items.0.page_id"]]);
    res = await app.call("GET", `${BASE}/${menu.id}`, { headers: admin });
    assert.deepEqual([res.body.name, res.body.items.map((i: { label: string }) => i.label)], [menu.name, ["keep"]], "a refused write changes nothing");
  });

  test("validation: items need exactly one of url and page_id, a safe url, a label; bodies", async () => {
    const cases: [unknown, string, string?][] = [
      [{ items: [] }, "name", "This field is required."],
      [{ name: "x".repeat(256) }, "name", "Ensure this field has no more than 255 characters."],
      [{ name: "m", colour: "red" }, "colour", "Unknown field."],
      [{ name: "m", items: [{ label: "x" }] }, "items.0", "Give exactly one of url and page_id."],
      [{ name: "m", items: [{ label: "x", url: "/a", page_id: 1 }] }, "items.0", "Give exactly one of url and page_id."],
      [{ name: "m", items: [{ label: "x", url: null, page_id: null }] }, "items.0"],
      [{ name: "m", items: [{ label: "x", url: "javascript:alert(1)" }] }, "items.0.url", 'Enter an http(s) URL or a site-relative path starting with "/".'],
      [{ name: "m", items: [{ label: "x", url: "ftp://example.com" }] }, "items.0.url"],
      [{ name: "m", items: [{ label: "x", url: "//evil.example" }] }, "items.0.url"],
      [{ name: "m", items: [{ label: "x", url: "/\\evil.example" }] }, "items.0.url"],
      [{ name: "m", items: [{ label: "x", url: "relative/path" }] }, "items.0.url"],
      [{ name: "m", items: [{ label: "x", url: "https://a b" }] }, "items.0.url"],
      [{ name: "m", items: [{ label: "x", url: `/${"a".repeat(2048)}` }] }, "items.0.url"],
      [{ name: "m", items: [{ url: "/" }] }, "items.0.label", "This field is required."],
      [{ name: "m", items: [{ label: " ", url: "/" }] }, "items.0.label", "This field may not be blank."],
      [{ name: "m", items: [{ label: "x".repeat(256), url: "/" }] }, "items.0.label"],
      [{ name: "m", items: [{ label: "x", url: "/", target: "_blank" }] }, "items.0.target", "Unknown field."],
      [{ name: "m", items: [{ label: "x", page_id: "1" }] }, "items.0.page_id"],
      [{ name: "m", items: { label: "x", url: "/" } }, "items"],
      [{ name: "m", items: Array.from({ length: 201 }, () => ({ label: "x", url: "/" })) }, "items"],
    ];
    for (const [json, field, message] of cases) {
      const res = await app.call("POST", BASE, { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json).slice(0, 100));
      assert.deepEqual(Object.keys(res.body.errors), [field], JSON.stringify(res.body).slice(0, 200));
      if (message) assert.deepEqual(res.body.errors[field], [message]);
    }
    let res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "application/json" }, body: '{"name":"m","items":[' });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "text/plain" }, body: "name=m" });
    assert.deepEqual([res.status, res.body], [415, { detail: 'Unsupported media type "text/plain" in request.' }]);
    res = await app.call("POST", BASE, { headers: admin, json: { name: "m", items: [{ label: "x".repeat(1024 * 1024), url: "/" }] } });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
  });

  test("permissions: anonymous, read-only token, Viewer, Editor, Admin", async () => {
    const menu = await makeMenu();
    const writes: [string, string, unknown][] = [
      ["POST", BASE, { name: "x" }],
      ["PATCH", `${BASE}/${menu.id}`, { name: "y" }],
      ["PUT", `${BASE}/${menu.id}`, { name: "y" }],
      ["DELETE", `${BASE}/${menu.id}`, undefined],
    ];
    assert.equal((await app.call("GET", `${BASE}/${menu.id}`)).status, 200, "menus are public");
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { json });
      assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }]);
    }
    const readOnly = await tokenFor("Editor", { writeEnabled: false });
    assert.equal((await app.call("GET", BASE, { headers: readOnly })).status, 200);
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { headers: readOnly, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "This token does not permit write operations." }]);
    }
    const viewer = await tokenFor("Viewer");
    assert.equal((await app.call("GET", `${BASE}/${menu.id}`, { headers: viewer })).status, 200);
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { headers: viewer, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
    }
    for (const role of ["Editor", "Admin"]) {
      const headers = await tokenFor(role);
      const created = await app.call("POST", BASE, { headers, json: { name: role, items: [{ label: "a", url: "/" }] } });
      assert.equal(created.status, 201);
      assert.equal((await app.call("PUT", `${BASE}/${created.body.id}`, { headers, json: { name: role } })).status, 200);
      assert.equal((await app.call("DELETE", `${BASE}/${created.body.id}`, { headers })).status, 204);
    }
    await setPublicRole(null);
    try {
      assert.equal((await app.call("GET", `${BASE}/${menu.id}`)).status, 401, "no public role: reads need credentials");
    } finally {
      await setPublicRole("Public");
    }
  });

  test("search, ordering and pagination", async () => {
    const tag = `flt${Date.now().toString(36)}`;
    const b = await makeMenu({ name: `${tag} bravo` });
    const a = await makeMenu({ name: `${tag} Alpha` });
    const c = await makeMenu({ name: `${tag} charlie` });
    const ids = async (query: string) => {
      const res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 200, res.text);
      return res.body.results.map((m: { id: number }) => m.id);
    };
    assert.deepEqual(await ids(`q=${tag}`), [a.id, b.id, c.id], "default ordering: name, ignoring case");
    assert.deepEqual(await ids(`q=${tag.toUpperCase()}&ordering=-name`), [c.id, b.id, a.id]);
    assert.deepEqual(await ids(`q=${tag}&ordering=id`), [b.id, a.id, c.id]);
    assert.deepEqual(await ids(`name=${tag} ALPHA`), [a.id]);

    let res = await app.call("GET", `${BASE}?q=${tag}&limit=1&offset=1`, { headers: admin });
    assert.deepEqual(res.body.results.map((m: { id: number }) => m.id), [b.id]);
    assert.match(res.body.next, /limit=1&offset=2/);
    assert.equal(res.body.previous, `http://beacon.test${BASE}?q=${tag}&limit=1`);
    res = await app.call("GET", `${BASE}?q=${tag}&offset=50`, { headers: admin });
    assert.deepEqual([res.body.count, res.body.results, res.body.next], [3, [], null]);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=0&offset=1`, { headers: admin });
    assert.deepEqual([res.body.results.length, res.body.next], [2, null]);
    assert.match(res.body.previous, /limit=1000/);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=2000&offset=1`, { headers: admin });
    assert.match(res.body.previous, /limit=1000/);
    for (const query of ["limit=-1", "limit=abc", "offset=-1", "ordering=items"]) {
      res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 400, query);
      assert.deepEqual(Object.keys(res.body.errors), [query.split("=")[0]]);
    }
  });
});
