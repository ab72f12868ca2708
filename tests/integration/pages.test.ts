// /api/v1/pages: CRUD, unique slugs, published-only for anonymous readers, permissions, filters, validation.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser, setPublicRole } from "../helpers/fixtures.ts";
import { PageOut } from "../../lib/validation/pages.ts";

let app: TestApp;
let admin: Record<string, string>;
const BASE = "/api/v1/pages";
let serial = 0;
const slug = (label = "page") => `${label}-${Date.now().toString(36)}-${++serial}`;

async function tokenFor(role: string, options: { writeEnabled?: boolean } = {}) {
  const user = await seedUser({ role });
  return tokenHeader((await seedToken(user.id, options)).key);
}

async function makePage(fields: Record<string, unknown> = {}) {
  const res = await app.call("POST", BASE, { headers: admin, json: { title: "A page", slug: slug(), ...fields } });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

describeDb("pages API", () => {
  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
  });

  test("create, read, list, PATCH, PUT and DELETE", async () => {
    const s = slug("about");
    let res = await app.call("POST", BASE, { headers: admin, json: { title: "About us", slug: s, body: "# About\n\nHello." } });
    assert.equal(res.status, 201, res.text);
    const page = res.body;
    PageOut.parse(page);
    assert.deepEqual(Object.keys(page).sort(), ["body", "created_at", "id", "published", "slug", "title", "updated_at"]);
    assert.deepEqual([page.title, page.slug, page.body, page.published], ["About us", s, "# About\n\nHello.", false]);

    res = await app.call("GET", `${BASE}/${page.id}`, { headers: admin });
    assert.deepEqual([res.status, res.body], [200, page]);
    res = await app.call("GET", `${BASE}?slug=${s}`, { headers: admin });
    assert.deepEqual(res.body.results, [page]);

    res = await app.call("PATCH", `${BASE}/${page.id}`, { headers: admin, json: { published: true } });
    assert.deepEqual([res.status, res.body.published, res.body.body], [200, true, "# About\n\nHello."]);

    res = await app.call("PUT", `${BASE}/${page.id}`, { headers: admin, json: { title: "About", slug: s } });
    assert.deepEqual([res.status, res.body.title, res.body.body, res.body.published], [200, "About", "", false], "PUT resets omitted fields");
    res = await app.call("PUT", `${BASE}/${page.id}`, { headers: admin, json: { title: "About" } });
    assert.deepEqual([res.status, res.body.errors], [400, { slug: ["This field is required."] }]);

    assert.equal((await app.call("DELETE", `${BASE}/${page.id}`, { headers: admin })).status, 204);
    assert.equal((await app.call("GET", `${BASE}/${page.id}`, { headers: admin })).status, 404);
  });

  test("a taken slug is a 409 on create and on change", async () => {
    const first = await makePage();
    const conflict = { detail: "Conflict.", errors: { slug: ["A page with this slug already exists."] } };
    let res = await app.call("POST", BASE, { headers: admin, json: { title: "Copy", slug: first.slug } });
    assert.deepEqual([res.status, res.body], [409, conflict]);
    const second = await makePage();
    res = await app.call("PATCH", `${BASE}/${second.id}`, { headers: admin, json: { slug: first.slug } });
    assert.deepEqual([res.status, res.body], [409, conflict]);
    res = await app.call("PUT", `${BASE}/${second.id}`, { headers: admin, json: { title: "x", slug: first.slug } });
    assert.deepEqual([res.status, res.body], [409, conflict]);
    res = await app.call("PATCH", `${BASE}/${first.id}`, { headers: admin, json: { slug: first.slug, title: "Same slug" } });
    assert.equal(res.status, 200);
  });

  test("anonymous readers see published pages only, whatever the public role", async () => {
    const tag = `vis${Date.now().toString(36)}`;
    const published = await makePage({ title: `${tag} published`, published: true });
    const draft = await makePage({ title: `${tag} draft` });
    let res = await app.call("GET", `${BASE}?q=${tag}`);
    assert.deepEqual([res.status, res.body.count, res.body.results.map((p: { id: number }) => p.id)], [200, 1, [published.id]]);
    assert.equal((await app.call("GET", `${BASE}?q=${tag}&published=false`)).body.count, 0);
    assert.equal((await app.call("GET", `${BASE}?slug=${draft.slug}`)).body.count, 0);
    assert.equal((await app.call("GET", `${BASE}/${published.id}`)).status, 200);
    res = await app.call("GET", `${BASE}/${draft.id}`);
    assert.deepEqual([res.status, res.body], [404, { detail: "Not found." }]);
    await setPublicRole("Admin");
    try {
      assert.equal((await app.call("GET", `${BASE}/${draft.id}`)).status, 404);
      assert.equal((await app.call("GET", `${BASE}?q=${tag}`)).body.count, 1);
    } finally {
      await setPublicRole("Public");
    }
    const viewer = await tokenFor("Viewer");
    assert.equal((await app.call("GET", `${BASE}/${draft.id}`, { headers: viewer })).status, 200);
    assert.equal((await app.call("GET", `${BASE}?q=${tag}`, { headers: viewer })).body.count, 2);
  });

  test("permissions: anonymous, read-only token, Viewer, Editor, Admin", async () => {
    const page = await makePage();
    const writes: [string, string, unknown][] = [
      ["POST", BASE, { title: "x", slug: slug() }],
      ["PATCH", `${BASE}/${page.id}`, { title: "y" }],
      ["PUT", `${BASE}/${page.id}`, { title: "y", slug: page.slug }],
      ["DELETE", `${BASE}/${page.id}`, undefined],
    ];
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { json });
      assert.deepEqual([res.status, res.body], [401, { detail: "Authentication credentials were not provided." }]);
    }
    const readOnly = await tokenFor("Editor", { writeEnabled: false });
    assert.equal((await app.call("GET", `${BASE}/${page.id}`, { headers: readOnly })).status, 200);
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { headers: readOnly, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "This token does not permit write operations." }]);
    }
    const viewer = await tokenFor("Viewer");
    for (const [method, path, json] of writes) {
      const res = await app.call(method, path, { headers: viewer, json });
      assert.deepEqual([res.status, res.body], [403, { detail: "You do not have permission to perform this action." }]);
    }
    for (const role of ["Editor", "Admin"]) {
      const headers = await tokenFor(role);
      const created = await app.call("POST", BASE, { headers, json: { title: role, slug: slug(role.toLowerCase()) } });
      assert.equal(created.status, 201);
      assert.equal((await app.call("PATCH", `${BASE}/${created.body.id}`, { headers, json: { published: true } })).status, 200);
      assert.equal((await app.call("DELETE", `${BASE}/${created.body.id}`, { headers })).status, 204);
    }
    await setPublicRole(null);
    try {
      assert.equal((await app.call("GET", BASE)).status, 401, "no public role: reads need credentials");
    } finally {
      await setPublicRole("Public");
    }
  });

  test("filters, search, ordering and pagination", async () => {
    const tag = `flt${Date.now().toString(36)}`;
    const b = await makePage({ title: `${tag} Bravo`, slug: `${tag}-b`, published: true });
    const a = await makePage({ title: `${tag} alpha`, slug: `${tag}-z`, body: "Ships **quietly**." });
    const c = await makePage({ title: `${tag} Charlie`, slug: `${tag}-a`, published: true });
    const ids = async (query: string) => {
      const res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 200, res.text);
      return res.body.results.map((p: { id: number }) => p.id);
    };
    assert.deepEqual(await ids(`q=${tag}`), [a.id, b.id, c.id], "default ordering: title, ignoring case");
    assert.deepEqual(await ids(`q=${tag}&ordering=slug`), [c.id, b.id, a.id]);
    assert.deepEqual(await ids(`q=${tag}&ordering=-id`), [c.id, a.id, b.id]);
    assert.deepEqual(await ids(`q=${tag}&published=true`), [b.id, c.id]);
    assert.deepEqual(await ids(`q=${tag}&published=no`), [a.id]);
    assert.deepEqual(await ids(`q=${tag.toUpperCase()} CHARLIE`), [c.id]);
    assert.deepEqual(await ids(`q=quietly`), [a.id], "q searches bodies too");
    assert.deepEqual(await ids(`slug=${tag}-z`), [a.id]);

    let res = await app.call("GET", `${BASE}?q=${tag}&limit=2&offset=1`, { headers: admin });
    assert.deepEqual([res.body.count, res.body.results.length, res.body.next], [3, 2, null]);
    assert.equal(res.body.previous, `http://beacon.test${BASE}?q=${tag}&limit=2`);
    res = await app.call("GET", `${BASE}?q=${tag}&offset=3`, { headers: admin });
    assert.deepEqual([res.body.results, res.body.next], [[], null]);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=0&offset=2`, { headers: admin });
    assert.match(res.body.previous, /limit=1000/);
    res = await app.call("GET", `${BASE}?q=${tag}&limit=1001&offset=2`, { headers: admin });
    assert.match(res.body.previous, /limit=1000/);
    for (const query of ["limit=-1", "limit=abc", "offset=1.5", "published=2", "ordering=body"]) {
      res = await app.call("GET", `${BASE}?${query}`, { headers: admin });
      assert.equal(res.status, 400, query);
      assert.deepEqual(Object.keys(res.body.errors), [query.split("=")[0]]);
    }
  });

  test("validation: slugs, lengths, types, unknown fields; bodies", async () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ title: "x", slug: "About" }, "slug", "Enter a slug of 1 to 100 lower-case letters, digits or hyphens."],
      [{ title: "x", slug: "with space" }, "slug"],
      [{ title: "x", slug: "under_score" }, "slug"],
      [{ title: "x", slug: "ünï" }, "slug"],
      [{ title: "x", slug: "" }, "slug"],
      [{ title: "x", slug: "a".repeat(101) }, "slug"],
      [{ title: "x", slug: "../etc" }, "slug"],
      [{ title: "x" }, "slug", "This field is required."],
      [{ slug: slug() }, "title", "This field is required."],
      [{ title: "t".repeat(256), slug: slug() }, "title", "Ensure this field has no more than 255 characters."],
      [{ title: "x", slug: slug(), body: "b".repeat(100_001) }, "body", "Ensure this field has no more than 100000 characters."],
      [{ title: "x", slug: slug(), published: "true" }, "published"],
      [{ title: "x", slug: slug(), author: "me" }, "author", "Unknown field."],
    ];
    for (const [json, field, message] of cases) {
      const res = await app.call("POST", BASE, { headers: admin, json });
      assert.equal(res.status, 400, JSON.stringify(json).slice(0, 80));
      assert.deepEqual(Object.keys(res.body.errors), [field], JSON.stringify(res.body).slice(0, 200));
      if (message) assert.deepEqual(res.body.errors[field], [message]);
    }
    assert.equal((await app.call("POST", BASE, { headers: admin, json: { title: "x", slug: "a".repeat(100) } })).status, 201);
    assert.equal((await app.call("POST", BASE, { headers: admin, json: { title: "x", slug: "0-9-a", body: "b".repeat(100_000) } })).status, 201);

    let res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "application/json" }, body: "{'title': 'x'}" });
    assert.deepEqual([res.status, res.body], [400, { detail: "JSON parse error." }]);
    res = await app.call("POST", BASE, { headers: { ...admin, "Content-Type": "text/markdown" }, body: "# Hi" });
    assert.deepEqual([res.status, res.body], [415, { detail: 'Unsupported media type "text/markdown" in request.' }]);
    res = await app.call("POST", BASE, { headers: admin, json: { title: "x", slug: slug(), body: "b".repeat(1024 * 1024) } });
    assert.deepEqual([res.status, res.body], [413, { detail: "Request body exceeds 1 MiB." }]);
  });
});
