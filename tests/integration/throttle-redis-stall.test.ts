// A stalled Redis never hangs a request (issue 9, item 3): commands have a bounded timeout
// (REDIS_COMMAND_TIMEOUT_MS), after which throttling falls back to this instance's memory with a logged
// warning; a valid token never waits for Redis at all.
import { after, afterEach, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { basic, describeDb, testApp, tokenHeader, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { tryPassword } from "../helpers/password-paths.ts";
import { redisServerProblem, startOwnRedis, startSilentServer, uniquePrefix } from "../helpers/redis.ts";
import { closeThrottles } from "../../lib/auth/throttle.ts";
import { generateKey } from "../../lib/auth/keys.ts";

const COMMAND_TIMEOUT_MS = 300;
const BOUND_MS = 3000; // what a request may take while Redis is stalled: a few command timeouts, never forever
const noRedisServer = redisServerProblem();
if (noRedisServer) console.log(`# SKIP paused redis-server test: ${noRedisServer}`);

let app: TestApp;
let warnings: string[] = [];
const originalWarn = console.warn;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describeDb("throttling when Redis stalls", () => {
  before(async () => {
    process.env.REDIS_COMMAND_TIMEOUT_MS = String(COMMAND_TIMEOUT_MS);
    process.env.REDIS_KEY_PREFIX = uniquePrefix("stall");
    app = await testApp();
  });
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  });
  afterEach(async () => {
    console.warn = originalWarn;
    await closeThrottles();
  });
  after(() => {
    delete process.env.REDIS_URL;
  });

  test("a paused redis-server: bounded answers, in-memory throttling with a warning, valid tokens unaffected", { skip: noRedisServer ?? false, timeout: 60_000 }, async () => {
    const redis = await startOwnRedis();
    try {
      process.env.REDIS_URL = redis.url;
      await closeThrottles();
      const user = await seedUser();
      const { key } = await seedToken(user.id);
      const ip = "198.51.100.120";
      assert.equal(await tryPassword("basic", user.email, "wrong", ip), "refused", "Redis healthy");
      assert.equal(warnings.length, 0);
      assert.equal((await app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip })).status, 200, "warm");
      redis.pause();

      const viaToken = await timed(() => app.call("GET", "/api/v1/user/self", { headers: tokenHeader(key), ip }));
      assert.equal(viaToken.value.status, 200);
      assert.ok(viaToken.ms < COMMAND_TIMEOUT_MS, `a valid token does not wait for Redis (${viaToken.ms} ms)`);

      const wrong = await timed(() => tryPassword("basic", user.email, "wrong", ip));
      assert.equal(wrong.value, "refused");
      assert.ok(wrong.ms < BOUND_MS, `a wrong password is answered in ${wrong.ms} ms`);
      assert.ok(warnings.some((w) => /Redis/.test(w) && /memory/.test(w)), `a warning is logged: ${warnings}`);

      // The in-memory fallback still throttles: it has seen 1 failure, so 9 more are checked, then 429.
      for (let i = 0; i < 9; i++) assert.equal(await tryPassword("basic", user.email, "wrong", ip), "refused");
      const blocked = await timed(() => tryPassword("basic", user.email, user.password, ip));
      assert.equal(blocked.value, "throttled");
      assert.ok(blocked.ms < BOUND_MS, `throttled in ${blocked.ms} ms`);

      const invalid = await timed(() => app.call("GET", "/api/v1/components", { headers: { "X-Api-Key": generateKey() }, ip }));
      assert.equal(invalid.value.status, 401);
      assert.ok(invalid.ms < BOUND_MS, `an invalid token is answered in ${invalid.ms} ms`);
    } finally {
      redis.resume();
      await closeThrottles();
      await redis.stop();
    }
  });

  test("a server that accepts and never answers: bounded answers from the start, with a warning", { timeout: 60_000 }, async () => {
    const silent = await startSilentServer();
    try {
      process.env.REDIS_URL = silent.url;
      await closeThrottles();
      const user = await seedUser();
      const ip = "198.51.100.121";
      const wrong = await timed(() => app.call("GET", "/api/v1/user/self", { headers: basic(user.email, "wrong"), ip }));
      assert.equal(wrong.value.status, 401);
      assert.ok(wrong.ms < BOUND_MS, `answered in ${wrong.ms} ms`);
      const right = await timed(() => app.call("GET", "/api/v1/user/self", { headers: basic(user.email, user.password), ip }));
      assert.equal(right.value.status, 200);
      assert.ok(right.ms < BOUND_MS, `answered in ${right.ms} ms`);
      assert.ok(warnings.some((w) => /Redis/.test(w) && /memory/.test(w)), `a warning is logged: ${warnings}`);
    } finally {
      await closeThrottles();
      await silent.close();
    }
  });
});
