// With Redis, an instance that has just started (or reconnected) does not forget (issue 9, item 2): the
// first commands wait for the connection instead of falling through to an empty in-memory limiter.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import Redis from "ioredis";
import { describeDb, testApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { PASSWORD_PATHS, tryPassword } from "../helpers/password-paths.ts";
import { REDIS_URL, deletePrefix, redisProblem, uniquePrefix } from "../helpers/redis.ts";
import { closeThrottles } from "../../lib/auth/throttle.ts";

const skip = await redisProblem();
if (skip) console.log(`# SKIP Redis restart tests: ${skip}`);
const prefix = uniquePrefix("restart");

describeDb("throttling through Redis right after a restart", () => {
  before(async () => {
    if (skip) return;
    process.env.REDIS_URL = REDIS_URL;
    process.env.REDIS_KEY_PREFIX = prefix;
    await testApp();
  });
  after(async () => {
    if (skip) return;
    await closeThrottles();
    await deletePrefix(REDIS_URL, prefix);
  });

  for (const path of PASSWORD_PATHS) {
    test(`${path}: a throttled account stays throttled for the very first attempt after a restart`, { skip: skip ?? false }, async () => {
      const user = await seedUser();
      const ip = "198.51.100.90";
      for (let i = 0; i < 10; i++) assert.equal(await tryPassword(path, user.email, "wrong", ip), "refused");
      // A restart: a new Redis client and limiters, the first command sent before the client is connected.
      await closeThrottles();
      assert.equal(await tryPassword(path, user.email, user.password, ip), "throttled");
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}:pw-acct-ip*`);
        const counts = await Promise.all(keys.map((k) => redis.get(k)));
        assert.ok(counts.includes("10"), `the account's counter in Redis is 10: ${counts}`);
      } finally {
        redis.disconnect();
      }
    });
  }
});
