// With REDIS_URL set, failure counters live in Redis, so every instance shares them.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { basic, describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { REDIS_URL, redisProblem } from "../helpers/redis.ts";

const prefix = `beacon-test-${randomBytes(4).toString("hex")}`;

const skip = await redisProblem();
if (skip) console.log(`# SKIP Redis throttling tests: ${skip}`);
let app: TestApp;
let redis: Redis;

describeDb("throttling shared through Redis", () => {
  before(async () => {
    if (skip) return;
    process.env.REDIS_URL = REDIS_URL;
    process.env.REDIS_KEY_PREFIX = prefix;
    app = await testApp();
    redis = new Redis(REDIS_URL);
  });
  after(async () => {
    const { closeThrottles } = await import("../../lib/auth/throttle.ts");
    await closeThrottles();
    if (!redis) return;
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  test("password failures are counted in Redis and throttle after 10", { skip: skip ?? false }, async () => {
    const user = await seedUser();
    const ip = "198.51.100.77";
    for (let i = 0; i < 10; i++) {
      assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, "nope"), ip })).status, 401);
    }
    const keys = await redis.keys(`${prefix}:pw-acct-ip*`);
    assert.equal(keys.length, 1, "one per-account counter in Redis");
    assert.equal(Number(await redis.get(keys[0])), 10);
    assert.equal((await app.call("GET", "/api/v1/user/self", { headers: basic(user.email, user.password), ip })).status, 429);
  });
});
