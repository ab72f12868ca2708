// Two Beacon instances (two processes, two Redis clients) sharing one Redis through REDIS_URL: parallel
// wrong passwords split across both are limited as one (issue 9, item 1): at most 10 per (account, IP)
// and 100 per IP are checked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { PASSWORD_PATHS, tryInParallel, tryPassword, type PasswordPath } from "../helpers/password-paths.ts";
import { REDIS_URL, deletePrefix, redisProblem, uniquePrefix } from "../helpers/redis.ts";
import { startSecondInstance, type SecondInstance } from "../helpers/second-instance.ts";
import { closeThrottles } from "../../lib/auth/throttle.ts";

const skip = await redisProblem();
if (skip) console.log(`# SKIP two-instance Redis throttling tests: ${skip}`);
const prefix = uniquePrefix("parallel");
let other: SecondInstance;

function add(a: Record<string, number>, b: Record<string, number>) {
  const sum: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

/** `n` attempts, half here and half in the other instance, all at once. */
async function splitAttack(path: PasswordPath, emails: string[], ip: string, n: number) {
  const [there, here] = await Promise.all([
    other.run({ path, emails, password: "wrong password", ip, n: n / 2 }),
    tryInParallel(path, (i) => emails[i % emails.length], "wrong password", ip, n / 2),
  ]);
  return { here, there, total: add(here, there) };
}

describeDb("throttling under parallel attempts, two instances sharing Redis", () => {
  before(async () => {
    if (skip) return;
    process.env.REDIS_URL = REDIS_URL;
    process.env.REDIS_KEY_PREFIX = prefix;
    await testApp();
    other = await startSecondInstance();
  });
  after(async () => {
    if (skip) return;
    await other?.stop();
    await closeThrottles();
    await deletePrefix(REDIS_URL, prefix);
  });

  PASSWORD_PATHS.forEach((path, n) => {
    test(`${path}: 40 parallel wrong passwords for one account over two instances, exactly 10 checked`, { skip: skip ?? false }, async () => {
      const user = await seedUser();
      const ip = `198.51.100.${60 + n}`;
      const { here, there, total } = await splitAttack(path, [user.email], ip, 40);
      assert.deepEqual(total, { refused: 10, throttled: 30 }, `here ${JSON.stringify(here)}, there ${JSON.stringify(there)}`);
      assert.equal(await tryPassword(path, user.email, user.password, ip), "throttled");
    });
  });

  test("basic: 130 parallel wrong passwords over 13 accounts from one IP, two instances, exactly 100 checked", { skip: skip ?? false }, async () => {
    const users = await Promise.all(Array.from({ length: 13 }, () => seedUser()));
    const { here, there, total } = await splitAttack("basic", users.map((u) => u.email), "198.51.100.80", 130);
    assert.deepEqual(total, { refused: 100, throttled: 30 }, `here ${JSON.stringify(here)}, there ${JSON.stringify(there)}`);
  });
});
