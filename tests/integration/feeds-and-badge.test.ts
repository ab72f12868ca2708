// /feed.rss, /feed.atom and /badge.svg: feeds that a standard parser reads (entries per incident, update
// and maintenance, stable ids, links to /incidents/{id}, the update's time), narrowed by ?component=
// (unknown or disabled: 404); a shields-style badge that is valid XML with escaped text; both cacheable.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { parseFeed } from "@rowanmanning/feed-parser";
import { describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";

let app: TestApp;
let admin: Record<string, string>;
type Get = (req: Request) => Promise<Response>;
let rss: Get;
let atom: Get;
let badge: Get;
const HOUR = 3600_000;

async function post(path: string, json: Record<string, unknown>) {
  const res = await app.call("POST", path, { headers: admin, json });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const get = (handler: Get, path: string, headers: Record<string, string> = {}) => handler(new Request(`http://beacon.test${path}`, { headers: { host: "beacon.test", ...headers } }));

describeDb("feeds and badge", () => {
  let api: { id: number };
  let web: { id: number };
  let incident: { id: number };
  let update: { id: number };

  before(async () => {
    app = await testApp();
    admin = tokenHeader(app.adminToken);
    ({ GET: rss } = await import("../../app/feed.rss/route.ts"));
    ({ GET: atom } = await import("../../app/feed.atom/route.ts"));
    ({ GET: badge } = await import("../../app/badge.svg/route.ts"));
    api = await post("/api/v1/components", { name: "API & <Edge>", status: 1 });
    web = await post("/api/v1/components", { name: "Web", status: 1 });
    incident = await post("/api/v1/incidents", { name: "Errors on the API", message: "We are **looking**", status: 1, components: [{ id: api.id, status: 4 }] });
    update = await post(`/api/v1/incidents/${incident.id}/updates`, { message: "Cause found", status: 2 });
    await post("/api/v1/maintenance", { name: "Web deploy", scheduled_start: new Date(Date.now() + HOUR).toISOString(), scheduled_end: new Date(Date.now() + 2 * HOUR).toISOString(), component_ids: [web.id] });
  });

  test("RSS 2.0 and Atom 1.0 parse; entries for the incident, its update and the maintenance, with stable ids and links", async () => {
    for (const [handler, type, path] of [[rss, "rss", "/feed.rss"], [atom, "atom", "/feed.atom"]] as const) {
      const res = await get(handler, path);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", type === "rss" ? /^application\/rss\+xml/ : /^application\/atom\+xml/);
      assert.equal(res.headers.get("cache-control"), "public, s-maxage=5, stale-while-revalidate=30");
      const text = await res.text();
      const feed = parseFeed(text);
      assert.equal(feed.meta.type, type);
      const byId = Object.fromEntries(feed.items.map((i) => [i.id, i]));
      const link = `http://beacon.test/incidents/${incident.id}`;
      const u = byId[`${link}#update-${update.id}`];
      assert.ok(u, `the update's entry: ${Object.keys(byId)}`);
      assert.equal(u.url, link);
      assert.match(u.title ?? "", /Errors on the API: Identified/);
      assert.ok(u.published && Math.abs(u.published.getTime() - Date.now()) < 60_000, "the update's time");
      assert.equal(byId[link]?.url, link, "the incident's own entry");
      assert.ok(feed.items.some((i) => /Maintenance \(Scheduled\): Web deploy/.test(i.title ?? "")), "the maintenance");
      assert.ok(!text.includes("<strong>looking</strong>") || text.includes("CDATA") || text.includes("&lt;strong&gt;"), "Markdown is rendered as escaped HTML content");
      // Stable: the same ids on the next build.
      const again = parseFeed(await (await get(handler, path)).text());
      assert.deepEqual(again.items.map((i) => i.id), feed.items.map((i) => i.id));
    }
  });

  test("?component= narrows the feed; unknown, malformed or disabled components are a 404", async () => {
    const web1 = parseFeed(await (await get(rss, `/feed.rss?component=${web.id}`)).text());
    assert.ok(web1.items.length > 0);
    assert.ok(web1.items.every((i) => /Web deploy/.test(i.title ?? "")), "only the Web maintenance");
    const api1 = parseFeed(await (await get(atom, `/feed.atom?component=${api.id}`)).text());
    assert.ok(api1.items.every((i) => /Errors on the API/.test(i.title ?? "")));
    for (const q of ["999999", "abc", "-1", "0"]) assert.equal((await get(rss, `/feed.rss?component=${q}`)).status, 404, q);
    const hidden = await post("/api/v1/components", { name: "Hidden", enabled: false });
    assert.equal((await get(atom, `/feed.atom?component=${hidden.id}`)).status, 404);
  });

  test("the badge: shields-style SVG, valid XML, escaped text, status colour, ETag and 304", async () => {
    const res = await get(badge, "/badge.svg");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^image\/svg\+xml/);
    const svg = await res.text();
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /aria-label="status: Major outage"/);
    assert.match(svg, /fill="#b91c1c"/);
    const etag = res.headers.get("etag")!;
    assert.match(etag, /^"[^"]+"$/);
    assert.equal((await get(badge, "/badge.svg", { "If-None-Match": etag })).status, 304);
    const one = await (await get(badge, `/badge.svg?component=${api.id}`)).text();
    assert.ok(one.includes("API &amp; &lt;Edge&gt;: Major outage"), one);
    assert.ok(!one.includes("<Edge>"), "no raw markup from a name");
    // Well-formed XML: the feed parser's XML reader accepts it as a document (it throws on malformed XML).
    assert.doesNotThrow(() => new DOMParserLike(one));
    const missing = await get(badge, "/badge.svg?component=999999");
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /unknown component/);
  });
});

/** A strict XML well-formedness check: balanced tags, quoted attributes, only the five entities. */
class DOMParserLike {
  constructor(xml: string) {
    const stack: string[] = [];
    const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|&(?!(amp|lt|gt|quot|apos);)|<(?![A-Za-z/])/g;
    for (const m of xml.matchAll(re)) {
      if (m[0].startsWith("&") || m[0] === "<") throw new Error(`bad markup at ${m.index}: ${xml.slice(m.index!, m.index! + 20)}`);
      if (m[1]) {
        if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}>`);
      } else if (!m[4]) stack.push(m[2]);
    }
    if (stack.length) throw new Error(`unclosed <${stack.at(-1)}>`);
    const stripped = xml.replace(re, "");
    if (/[<>]/.test(stripped)) throw new Error("stray < or >");
  }
}
