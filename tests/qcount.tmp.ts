import { testApp, basic } from "/work/wt/perf-auth/tests/helpers/app.ts";
import { watchRequest } from "/work/wt/perf-auth/lib/db/outage.ts";
const app = await testApp();
async function count(label: string, method: string, path: string, headers: Record<string,string> = {}, json?: unknown) {
  await app.call(method, path, { headers, json });
  const signal = { databaseUnavailable: false, statements: 0 };
  const r = await watchRequest(signal, () => app.call(method, path, { headers, json }));
  console.log(`${label}: ${r.status} statements=${signal.statements}`);
}
await count("anon list", "GET", "/api/v1/components");
await count("token list", "GET", "/api/v1/components", { "X-Api-Key": app.adminToken });
await count("user/self", "GET", "/api/v1/user/self", { Authorization: `Bearer ${app.adminToken}` });
await count("basic list", "GET", "/api/v1/components", basic(app.adminEmail, app.adminPassword));
await count("unknown key", "GET", "/api/v1/components", { "X-Api-Key": "bcn_" + "x".repeat(36) });
await count("post", "POST", "/api/v1/components", { "X-Api-Key": app.adminToken }, { name: "q", status: 1 });
process.exit(0);
