// lib/shutdown.ts: the hooks run once, concurrently, each bounded by the time left; one that throws or
// hangs is reported and does not hold the others up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { beginShutdown, onShutdown, runShutdownHooks, shuttingDown } from "../../lib/shutdown.ts";

test("shutdown hooks: run once and concurrently, failures and timeouts reported, unregistering works", async () => {
  const ran: string[] = [];
  onShutdown("worker", async () => {
    await new Promise((r) => setTimeout(r, 50));
    ran.push("worker");
  });
  onShutdown("cache", () => {
    ran.push("cache");
  });
  onShutdown("broken", () => {
    throw new Error("boom");
  });
  onShutdown("hangs", () => new Promise(() => {}));
  const removed = onShutdown("removed", () => {
    ran.push("removed");
  });
  removed();
  assert.equal(shuttingDown(), false);
  beginShutdown();
  assert.equal(shuttingDown(), true);
  const logged: string[] = [];
  const started = Date.now();
  const failed = await runShutdownHooks(300, (line) => logged.push(line));
  const took = Date.now() - started;
  assert.deepEqual(ran.sort(), ["cache", "worker"]);
  assert.deepEqual(failed.sort(), ["broken", "hangs"]);
  assert.ok(took < 1000, `bounded by the timeout: ${took} ms`);
  assert.ok(logged.some((l) => /"broken" failed: boom/.test(l)) && logged.some((l) => /"hangs" did not finish within 300 ms/.test(l)));
  assert.deepEqual(await runShutdownHooks(300), [], "each hook runs once");
});
