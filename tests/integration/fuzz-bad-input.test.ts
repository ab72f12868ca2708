// The bad-input fuzzer in `npm test`: a seeded run of generated requests (tests/helpers/fuzz.ts) through
// the real route handlers. Every answer must be a status API.md names (never a 5xx), match the OpenAPI
// document (the harness checks that), and never echo a presented credential. The seed is printed;
// replay a failure with FUZZ_SEED=<seed> (and FUZZ_RUNS=<n> for a longer run; bench/fuzz.ts runs the
// real server).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { describeDb, testApp, type TestApp } from "../helpers/app.ts";
import { seedToken, seedUser } from "../helpers/fixtures.ts";
import { contractBreach, describeRequest, requestArbitrary } from "../helpers/fuzz.ts";

const SEED = Number(process.env.FUZZ_SEED || 20261201);
const RUNS = Number(process.env.FUZZ_RUNS || 2000);

let app: TestApp;

describeDb("bad-input fuzzer", () => {
  before(async () => {
    app = await testApp();
  });

  test(`${RUNS} generated requests answer only API.md statuses, never a 5xx or a credential (seed ${SEED})`, { timeout: 300_000 }, async (t) => {
    const admin = await seedUser({ role: "Admin" });
    const { key } = await seedToken(admin.id);
    t.diagnostic(`fuzz seed ${SEED}, ${RUNS} runs (replay: FUZZ_SEED=${SEED})`);
    const statuses = new Map<number, number>();
    const started = Date.now();
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(" ").slice(0, 300));
    try {
      await fc.assert(
        fc.asyncProperty(requestArbitrary({ adminKey: key, adminEmail: admin.email, adminPassword: admin.password }), async (req) => {
          // A `..` segment can climb out of /api/ (the real server then serves a page: bench/fuzz.ts).
          fc.pre(new URL(req.path, "http://x").pathname.startsWith("/api/"));
          let res;
          try {
            // Request() takes no body on GET/HEAD; the real server gets those too (bench/fuzz.ts).
            const body = req.method === "GET" || req.method === "HEAD" ? undefined : req.body;
            res = await app.call(req.method, req.path, { headers: req.headers, body, ip: req.ip });
          } catch (err) {
            // The harness refuses answers the OpenAPI document does not describe, and HTML nobody asked for.
            throw new Error(`${(err as Error).message}: ${describeRequest(req)}`);
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const breach = contractBreach(req, res.status, res.text);
          assert.equal(breach, null, `${breach}: ${describeRequest(req)} → ${res.status} ${res.text.slice(0, 200)}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true, includeErrorInReport: true },
      );
    } finally {
      console.error = original;
    }
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))} in ${Date.now() - started} ms`);
    // Expected failures (database unavailable and the like) are logged too: none may happen here.
    assert.deepEqual(logged.filter((l) => /unhandled error|request failed/.test(l)), []);
  });
});
