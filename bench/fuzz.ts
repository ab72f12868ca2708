// `npm run bench:fuzz`: the bad-input fuzzer (tests/helpers/fuzz.ts) against the real server on 127.0.0.1
// (the production build behind server.ts, as `npm start` runs it, on a fresh SQLite database): at least
// 10,000 generated requests, unknown methods, bodies on GET and next-auth's routes included, a few at a
// time over keep-alive connections. Fails on any 5xx, a status API.md does not name, an echoed credential,
// a request not answered within 15 s, or an error the server logged. Options: FUZZ_SEED (printed; replay a
// failure with it), FUZZ_RUNS (default 10000), FUZZ_CONCURRENCY (default 4), FUZZ_SHOW (an answer such as
// `400`: print requests that got it).
import http from "node:http";
import fc from "fast-check";
import { startBenchServer } from "./server.ts";
import { apiRouteTemplates, contractBreach, describeRequest, requestArbitrary, type FuzzRequest } from "../tests/helpers/fuzz.ts";

const seed = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 2 ** 31));
const runs = Number(process.env.FUZZ_RUNS || 10_000);
const concurrency = Number(process.env.FUZZ_CONCURRENCY || 4);
const port = 3990 + (process.pid % 9);
const admin = { email: "admin@example.com", password: "fuzz-admin-password" };

console.log(`fuzz seed ${seed}, ${runs} requests, ${concurrency} at a time (replay: FUZZ_SEED=${seed} npm run bench:fuzz)`);

const server = await startBenchServer({ port, admin, captureStderr: true });
const { base } = server;

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function send(req: FuzzRequest): Promise<{ status: number; text: string } | { error: string }> {
  return new Promise((resolve) => {
    // The client address is the socket's (127.0.0.1); a claimed one travels as X-Forwarded-For, which
    // server.ts must ignore.
    const body = req.method === "TRACE" ? undefined : req.body;
    const headers: Record<string, string | number> = { ...req.headers, "X-Forwarded-For": req.headers["X-Forwarded-For"] ?? req.ip };
    // Node's client frames a GET/DELETE/OPTIONS body with no length at all: say it, as real clients do.
    if (body !== undefined) headers["Content-Length"] = Buffer.byteLength(body);
    let r: http.ClientRequest;
    try {
      r = http.request({ host: "127.0.0.1", port, method: req.method, path: req.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (e) => resolve({ error: `response: ${e.message}` }));
      });
    } catch (e) {
      // A request Node's client refuses to send (not the server's doing): skipped.
      return resolve({ status: 0, text: `not sent: ${(e as Error).message}` });
    }
    r.setTimeout(15_000, () => r.destroy(new Error("no answer within 15 s")));
    r.on("error", (e) => resolve({ error: e.message }));
    // TRACE may carry no content (Node's parser answers a bare 400 to one that does).
    r.end(body);
  });
}

let exitCode = 0;
try {
  const basic = `Basic ${Buffer.from(`${admin.email}:${admin.password}`).toString("base64")}`;
  const tokenRes = await fetch(`${base}/api/v1/tokens`, { method: "POST", headers: { Authorization: basic, "Content-Type": "application/json" }, body: "{}" });
  const key = (await tokenRes.json()).key as string;
  const requests = fc.sample(requestArbitrary({ adminKey: key, adminEmail: admin.email, adminPassword: admin.password }, { unknownMethods: true, templates: apiRouteTemplates({ nextAuth: true }) }), { seed, numRuns: runs });
  const statuses = new Map<number, number>();
  const answers = new Map<string, number>();
  const failures: string[] = [];
  let skipped = 0;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const req = requests[index];
      const res = await send(req);
      if ("error" in res) {
        // A connection the server closed after answering (e.g. a 413 before the body's end) is fine;
        // a request never answered is not.
        if (/no answer/.test(res.error)) failures.push(`#${index} ${res.error}: ${describeRequest(req)}`);
        else skipped++;
        continue;
      }
      if (res.status === 0) {
        skipped++;
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const answer = `${res.status} ${res.text.slice(0, 70)}`;
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (process.env.FUZZ_SHOW && answer.trim() === process.env.FUZZ_SHOW && answers.get(answer)! <= 6) console.log(`  example of "${answer}": ${describeRequest(req)}`);
      const breach = contractBreach(req, res.status, res.text);
      if (breach) failures.push(`#${index} ${breach}: ${describeRequest(req)} → ${res.status} ${res.text.slice(0, 200)}`);
      if ((index + 1) % 1000 === 0) console.log(`  ${index + 1} sent, ${failures.length} failures, ${Math.round(((index + 1) * 1000) / (Date.now() - started))} req/s`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const logged = server.output().split("\n").filter((l) => /request failed|unhandled error|RangeError|TypeError|Maximum call stack/.test(l));
  console.log(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ${skipped} closed or not sendable; ${Math.round((Date.now() - started) / 1000)} s`);
  console.log("most frequent answers:");
  for (const [answer, n] of [...answers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(n).padStart(5)}  ${answer.replace(/\s+/g, " ")}`);
  if (logged.length) failures.push(...logged.slice(0, 10).map((l) => `server logged: ${l}`));
  if (failures.length) {
    exitCode = 1;
    console.log(`\n${failures.length} FAILURES (seed ${seed}):`);
    for (const f of failures.slice(0, 30)) console.log(`  ${f}`);
  } else {
    console.log(`no failures (seed ${seed})`);
  }
} catch (err) {
  exitCode = 1;
  console.error(err);
} finally {
  agent.destroy();
  await server.stop();
}
process.exit(exitCode);
