// Two Beacon production servers (the compiled dist/start.mjs, as `npm start` runs it) on one fresh
// PostgreSQL database and one Redis, sharing NEXTAUTH_SECRET and BEACON_TOKEN_PEPPER through the
// environment, behind Debian's nginx (its own config in a temp dir, ephemeral ports) with
// BEACON_TRUSTED_PROXIES=127.0.0.1. The test client connects to nginx from 127.0.0.2, so the client's
// address differs from the proxy's. Runs in the PostgreSQL pass; skipped with the reason printed when
// nginx, PostgreSQL or Redis is missing (`npm test` installs nginx when missing and running as root).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { TEST_DB_KIND, createTestDatabase, postgresUnavailable, type TestDatabase } from "../helpers/database.ts";
import { REDIS_URL, deletePrefix, redisProblem, sparePort, uniquePrefix } from "../helpers/redis.ts";
import { ensureBuilt, startProductionServer, type ProductionServer } from "../helpers/production-server.ts";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p)) ?? null;
const CLIENT_IP = "127.0.0.2";
const ADMIN = { email: "admin@example.com", password: "correct horse battery staple" };

async function skipReason(): Promise<string | null> {
  if (TEST_DB_KIND !== "postgresql") return "runs in the PostgreSQL pass (two instances share one PostgreSQL database)";
  if (!NGINX) return "nginx is not installed (apt-get install -y nginx; `npm test` does it when running as root)";
  return (await postgresUnavailable()) ?? (await redisProblem());
}
const skip = await skipReason();

/** The nginx config of the README's example, with every path in `dir` (no root paths), upstream address in a header for the test. */
function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream beacon {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://beacon;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream off;
      add_header X-Test-Upstream $upstream_addr always;
    }
  }
}
`;
}

interface Answer {
  status: number;
  upstream: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

let nginxPort = 0;
/** One request to nginx from CLIENT_IP, on a connection of its own. */
function call(method: string, pathAndQuery: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port: nginxPort,
        localAddress: CLIENT_IP,
        method,
        path: pathAndQuery,
        agent: false,
        headers: { Accept: "application/json", ...(text !== undefined && typeof body !== "string" ? { "Content-Type": "application/json" } : {}), ...headers },
      },
      (res) => {
        let data = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (data += d));
        res.on("end", () => {
          let parsed: unknown = data;
          try {
            parsed = JSON.parse(data);
          } catch {}
          resolve({ status: res.statusCode ?? 0, upstream: String(res.headers["x-test-upstream"] ?? ""), headers: res.headers, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** Sends until each instance has answered `perInstance` times; returns every answer. */
async function onBoth(perInstance: number, send: () => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < perInstance * 10 && (seen.size < 2 || [...seen.values()].some((n) => n < perInstance)); i++) {
    const a = await send();
    answers.push(a);
    seen.set(a.upstream, (seen.get(a.upstream) ?? 0) + 1);
  }
  assert.equal(seen.size, 2, `both instances answered: ${JSON.stringify([...seen])}`);
  return answers;
}

describe(`two instances behind nginx [${TEST_DB_KIND}]`, { skip: skip ?? false }, () => {
  let database: TestDatabase;
  const servers: ProductionServer[] = [];
  let nginx: ChildProcess | null = null;
  let nginxDir = "";
  let adminToken = "";
  const prefix = uniquePrefix("cluster");
  const pg = async <T,>(sql: string): Promise<T[]> => {
    const { default: pgModule } = await import("pg");
    const client = new pgModule.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  before(async () => {
    ensureBuilt();
    database = await createTestDatabase("postgresql");
    nginxPort = await sparePort();
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${nginxPort}`,
      BEACON_TOKEN_PEPPER: randomBytes(32).toString("base64url"),
      BEACON_TRUSTED_PROXIES: "127.0.0.1",
      BEACON_ADMIN_EMAIL: ADMIN.email,
      BEACON_ADMIN_PASSWORD: ADMIN.password,
      BEACON_DEMO: "0",
    };
    // The first runs setup (migrations, the admin); the second finds it done.
    servers.push(await startProductionServer(shared));
    adminToken = /Admin API token: (\S+)/.exec(servers[0].output())![1];
    servers.push(await startProductionServer(shared));
    assert.doesNotMatch(servers[1].output(), /Admin API token/, "the second instance found setup done");

    nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-nginx-"));
    fs.writeFileSync(path.join(nginxDir, "nginx.conf"), nginxConfig(nginxDir, nginxPort, servers.map((s) => s.port)));
    const check = spawnSync(NGINX!, ["-t", "-p", nginxDir, "-c", path.join(nginxDir, "nginx.conf"), "-e", path.join(nginxDir, "error.log")], { encoding: "utf8" });
    assert.equal(check.status, 0, check.stderr);
    nginx = spawn(NGINX!, ["-p", nginxDir, "-c", path.join(nginxDir, "nginx.conf"), "-e", path.join(nginxDir, "error.log")], { stdio: "ignore" });
    for (let i = 0; ; i++) {
      try {
        if ((await call("GET", "/api/v1/")).status === 200) break;
      } catch (err) {
        if (i > 100) throw err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Each instance answered through nginx at least once (the upstream header names it).
    await onBoth(1, () => call("GET", "/api/v1/"));
  });

  after(async () => {
    nginx?.kill("SIGTERM");
    await Promise.all(servers.map((s) => s.stop()));
    if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
    await database?.drop();
    await deletePrefix(REDIS_URL, prefix).catch(() => {});
  });

  const admin = () => ({ Authorization: `Token ${adminToken}` });

  test("the client address seen through nginx is the real client's; a client-sent X-Forwarded-For cannot change it", async () => {
    // A token that only the real client's address may use, and one for the address a client would claim.
    const mine = await call("POST", "/api/v1/tokens", admin(), { description: "client only", allowed_ips: [`${CLIENT_IP}/32`] });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    const claimed = await call("POST", "/api/v1/tokens", admin(), { description: "claimed address", allowed_ips: ["6.6.6.6/32"] });
    assert.equal(claimed.status, 201, JSON.stringify(claimed.body));
    const spoof = { "X-Forwarded-For": "6.6.6.6", "X-Real-IP": "6.6.6.6", "X-Beacon-Client-Ip": "6.6.6.6" };
    for (const a of await onBoth(2, () => call("GET", "/api/v1/components", { Authorization: `Token ${mine.body.key}`, ...spoof }))) {
      assert.equal(a.status, 200, `the real client's token works on ${a.upstream} despite a spoofed X-Forwarded-For`);
    }
    for (const a of await onBoth(2, () => call("GET", "/api/v1/components", { Authorization: `Token ${claimed.body.key}`, ...spoof }))) {
      assert.equal(a.status, 403, `${a.upstream}: the claimed 6.6.6.6 is not believed: ${JSON.stringify(a.body)}`);
      assert.equal(a.body.detail, `Source IP ${CLIENT_IP} is not permitted to authenticate using this token.`);
    }
    // The address recorded for the token's use is the client's, not nginx's nor the claimed one.
    const read = await call("GET", `/api/v1/tokens/${mine.body.id}`, admin());
    assert.equal(read.body.last_used_ip, CLIENT_IP);
  });

  test("a token revoked through one instance fails on the other at once", async () => {
    const created = await call("POST", "/api/v1/tokens", admin(), { description: "to revoke" });
    assert.equal(created.status, 201);
    const key = { Authorization: `Token ${created.body.key}` };
    for (const a of await onBoth(1, () => call("GET", "/api/v1/components", key))) assert.equal(a.status, 200);
    const revoked = await call("DELETE", `/api/v1/tokens/${created.body.id}`, admin());
    assert.equal(revoked.status, 204);
    // The very next requests, on both instances (the one that revoked it and the other).
    for (const a of await onBoth(2, () => call("GET", "/api/v1/components", key))) {
      assert.equal(a.status, 401, `${a.upstream} still accepted the revoked token (revoked through ${revoked.upstream})`);
    }
  });

  test("throttling counts failures across both instances (Redis), whatever X-Forwarded-For says", async () => {
    const email = `nobody-${randomBytes(3).toString("hex")}@example.com`;
    const upstreams = new Set<string>();
    // The per-account-and-address budget is 10 failed passwords; each attempt claims another address.
    for (let i = 0; i < 10; i++) {
      const a = await call("GET", "/api/v1/user/self", {
        Authorization: `Basic ${Buffer.from(`${email}:wrong-${i}`).toString("base64")}`,
        "X-Forwarded-For": `203.0.113.${i + 1}`,
      });
      assert.equal(a.status, 401, `attempt ${i + 1}: ${JSON.stringify(a.body)}`);
      upstreams.add(a.upstream);
    }
    assert.equal(upstreams.size, 2, "the ten failures were spread over both instances");
    for (const a of await onBoth(1, () =>
      call("GET", "/api/v1/user/self", { Authorization: `Basic ${Buffer.from(`${email}:wrong`).toString("base64")}`, "X-Forwarded-For": "198.51.100.7" }),
    )) {
      assert.equal(a.status, 429, `${a.upstream}: the 11th failure is throttled on either instance`);
      assert.ok(Number(a.headers["retry-after"]) > 0);
    }
  });

  test("a browser session signed in through one instance works on both", async () => {
    const jar = new Map<string, string>();
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (a: Answer) => {
      for (const line of ([] as string[]).concat(a.headers["set-cookie"] ?? [])) {
        const [pair] = line.split(";");
        const i = pair.indexOf("=");
        jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
      }
    };
    const csrf = await call("GET", "/api/auth/csrf");
    keep(csrf);
    const form = new URLSearchParams({ csrfToken: csrf.body.csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }).toString();
    const signIn = await call("POST", "/api/auth/callback/credentials", { Cookie: cookie(), "Content-Type": "application/x-www-form-urlencoded" }, form);
    keep(signIn);
    assert.ok(jar.has("next-auth.session-token"), `signed in through ${signIn.upstream}: ${signIn.status} ${JSON.stringify(signIn.body)}`);
    for (const a of await onBoth(2, () => call("GET", "/api/v1/user/self", { Cookie: `next-auth.session-token=${jar.get("next-auth.session-token")}` }))) {
      assert.equal(a.status, 200, `${a.upstream} (signed in through ${signIn.upstream}): ${JSON.stringify(a.body)}`);
      assert.equal(a.body.user.email, ADMIN.email);
      assert.equal(a.body.authentication, "session");
    }
  });

  test("last_used_at costs at most one write per token per minute across the cluster", async () => {
    const created = await call("POST", "/api/v1/tokens", admin(), { description: "usage" });
    assert.equal(created.status, 201);
    // Count every write of the usage columns of this one token, as PostgreSQL executes them.
    await pg(`CREATE TABLE usage_writes (n int NOT NULL);
      CREATE FUNCTION count_usage_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO usage_writes VALUES (1); RETURN NEW; END $$;
      CREATE TRIGGER count_usage_write AFTER UPDATE OF last_used_at, last_used_ip ON api_tokens FOR EACH ROW WHEN (NEW.id = ${Number(created.body.id)}) EXECUTE FUNCTION count_usage_write();`);
    const key = { Authorization: `Token ${created.body.key}` };
    const answers: Answer[] = [];
    for (let round = 0; round < 5; round++) {
      answers.push(...(await Promise.all(Array.from({ length: 8 }, () => call("GET", "/api/v1/components", key)))));
    }
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(new Set(answers.map((a) => a.upstream)).size, 2, "both instances served the token");
    const [{ count }] = await pg<{ count: string }>("SELECT count(*) FROM usage_writes");
    assert.equal(Number(count), 1, `${answers.length} uses on two instances within a minute: one write`);
    const read = await call("GET", `/api/v1/tokens/${created.body.id}`, admin());
    assert.ok(read.body.last_used_at, "the use was recorded");
  });
});
