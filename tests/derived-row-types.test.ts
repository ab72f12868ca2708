// Less hand-written plumbing (issue 8 item 5): a row type is derived from its Prisma `select`
// (`Prisma.XGetPayload`), never written out by hand beside it, and a paged list is lib/db/paged.ts's
// `pagedQuery`, never a count and a findMany paired by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = () => sources(path.join(ROOT, "lib")).map((file) => ({ rel: path.relative(ROOT, file), text: fs.readFileSync(file, "utf8") }));

test("no row type of lib/ is written out by hand", () => {
  const handWritten = files().flatMap(({ rel, text }) =>
    [...text.matchAll(/\b(?:type\s+(\w*(?:Row|Record))\s*=\s*\{|interface\s+(\w*(?:Row|Record))\b)/g)].map((m) => `${rel}: ${m[1] ?? m[2]}`),
  );
  assert.deepEqual(handWritten, []);
});

test("no list of lib/ pairs count and findMany by hand", () => {
  const byHand = files()
    .filter(({ rel }) => rel !== "lib/db/paged.ts")
    .flatMap(({ rel, text }) => [...text.matchAll(/Promise\.all\(\[\s*[\w.]+\.count\(/g)].map(() => rel));
  assert.deepEqual(byHand, []);
});
