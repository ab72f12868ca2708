// Throttling holds however parallel the attack (issue 9, item 1): a point is reserved before the password
// is checked, so at most 10 wrong passwords per (account, IP) and 100 per IP are ever checked in 15 minutes.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { describeDb, testApp } from "../helpers/app.ts";
import { seedUser } from "../helpers/fixtures.ts";
import { PASSWORD_PATHS, tryInParallel, tryPassword } from "../helpers/password-paths.ts";

describeDb("throttling under parallel attempts, one instance", () => {
  before(async () => {
    await testApp();
  });

  PASSWORD_PATHS.forEach((path, n) => {
    test(`${path}: 40 parallel wrong passwords for one account, exactly 10 checked, the rest 429`, async () => {
      const user = await seedUser();
      const ip = `203.0.113.${60 + n}`;
      const tally = await tryInParallel(path, () => user.email, "wrong password", ip, 40);
      assert.deepEqual(tally, { refused: 10, throttled: 30 });
      assert.equal(await tryPassword(path, user.email, user.password, ip), "throttled", "the right password is refused too");
      assert.equal(await tryPassword(path, user.email, user.password, `203.0.113.${70 + n}`), "accepted", "from another address it works");
    });
  });

  test("basic: 130 parallel wrong passwords over 13 accounts from one IP, exactly 100 checked", async () => {
    const users = await Promise.all(Array.from({ length: 13 }, () => seedUser()));
    const tally = await tryInParallel("basic", (i) => users[i % 13].email, "wrong password", "203.0.113.80", 130);
    assert.deepEqual(tally, { refused: 100, throttled: 30 });
  });

  test("a right password gives its reserved point back: 12 sign-ins, then 10 wrong ones are still checked", async () => {
    const user = await seedUser();
    const ip = "203.0.113.81";
    assert.deepEqual(await tryInParallel("basic", () => user.email, user.password, ip, 12), { accepted: 12 });
    assert.deepEqual(await tryInParallel("sign_in", () => user.email, "wrong", ip, 10), { refused: 10 });
    assert.equal(await tryPassword("provision", user.email, user.password, ip), "throttled");
  });
});
