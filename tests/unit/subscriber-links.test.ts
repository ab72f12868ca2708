// Signed subscriber links: bound to the subscriber's id and e-mail, tamper-evident, carrying no address.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { linkSignedFor, readLink, signLink } from "../../lib/subscriptions/links.ts";

before(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-secret-unit-test-secret";
});

test("a signed link reads back and verifies for its own subscriber only", () => {
  const code = signLink({ purpose: "confirm", subscriberId: 7, componentIds: [2, 5], expiresAt: 1_900_000_000_000 }, "Ann@Example.com");
  const link = readLink(code)!;
  assert.deepEqual([link.purpose, link.subscriberId, link.componentIds, link.expiresAt], ["confirm", 7, [2, 5], 1_900_000_000_000]);
  assert.equal(linkSignedFor(link, "ann@example.com"), true, "the address is compared lower-cased");
  assert.equal(linkSignedFor(link, "bob@example.com"), false);
  assert.ok(!code.toLowerCase().includes("ann") && !Buffer.from(code.split(".")[0], "base64url").toString().includes("ann"), "the link names no address");
});

test("any change to the payload or the signature breaks it", () => {
  const code = signLink({ purpose: "manage", subscriberId: 7 }, "ann@example.com");
  const [body, sig] = code.split(".");
  const other = Buffer.from(JSON.stringify({ p: "m", s: 8 })).toString("base64url");
  assert.equal(linkSignedFor(readLink(`${other}.${sig}`)!, "ann@example.com"), false);
  const flipped = `${body}.${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
  assert.equal(linkSignedFor(readLink(flipped)!, "ann@example.com"), false);
  process.env.NEXTAUTH_SECRET = "another-secret-another-secret-xx";
  assert.equal(linkSignedFor(readLink(code)!, "ann@example.com"), false, "a link signed under another server secret fails");
  process.env.NEXTAUTH_SECRET = "unit-test-secret-unit-test-secret";
  assert.equal(linkSignedFor(readLink(code)!, "ann@example.com"), true);
});

test("malformed codes are refused before any look-up", () => {
  for (const bad of ["", "x", "a.b", `${"a".repeat(2000)}.${"b".repeat(43)}`, `${Buffer.from("[]").toString("base64url")}.${"b".repeat(43)}`, `${Buffer.from('{"p":"x","s":1}').toString("base64url")}.${"b".repeat(43)}`, `${Buffer.from('{"p":"c","s":-1}').toString("base64url")}.${"b".repeat(43)}`, `${Buffer.from('{"p":"c","s":1,"c":["1"]}').toString("base64url")}.${"b".repeat(43)}`]) {
    assert.equal(readLink(bad), null, bad.slice(0, 40));
  }
});
