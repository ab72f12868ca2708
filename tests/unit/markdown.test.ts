import { test } from "node:test";
import assert from "node:assert/strict";
import { renderMarkdown } from "../../lib/markdown.ts";

test("Markdown renders, but raw HTML and script links never reach the page", () => {
  assert.match(renderMarkdown("Some **bold** text"), /<strong>bold<\/strong>/);
  const html = renderMarkdown('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.com) ![i](http://e/x.png)');
  assert.ok(!html.includes("<script"), html);
  assert.ok(!html.includes("<img"), html);
  assert.ok(!/href="javascript:/i.test(html), html);
  assert.match(html, /<a href="https:\/\/example.com" rel="nofollow noopener">ok<\/a>/);
  assert.ok(!renderMarkdown("[x](//evil.example)").includes("href"));
});
