// components/ui merges class names so that a caller's class wins over a primitive's conflicting one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderToStaticMarkup } from "react-dom/server";
import { Badge } from "../../components/ui/Badge.tsx";
import { Button, buttonVariants } from "../../components/ui/Button.tsx";
import { cn } from "../../components/ui/cn.ts";

test("cn drops the earlier of two conflicting Tailwind classes and ignores falsy ones", () => {
  assert.equal(cn("block w-full px-3 py-2", "w-36 py-1"), "block px-3 w-36 py-1");
  assert.equal(cn("text-sm", false, undefined, { "font-mono": true, hidden: false }), "text-sm font-mono");
});

test("button variants: one size's padding only, and a caller's class overrides it", () => {
  const small = buttonVariants({ variant: "primary", size: "sm" });
  assert.match(small, /bg-slate-900/);
  assert.match(small, /px-2\.5/);
  assert.doesNotMatch(small, /px-3\.5/);
  const html = renderToStaticMarkup(Button({ className: "px-8", children: "Go" }));
  assert.match(html, /class="[^"]*\bpx-8\b/);
  assert.doesNotMatch(html, /px-3\.5/);
  assert.match(html, /type="button"/);
});

test("badge tones default to neutral", () => {
  assert.match(renderToStaticMarkup(Badge({ children: "x" })), /bg-slate-100/);
  assert.match(renderToStaticMarkup(Badge({ tone: "red", children: "x" })), /bg-red-50/);
});
