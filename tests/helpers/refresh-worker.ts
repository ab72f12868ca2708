// A separate process (another Beacon instance on the same database) that sends refreshes through the
// real route handler: it prints "ready", waits for "go" on stdin, fires `count` refreshes of token
// `id` at once with the key given, and prints one JSON line with each response's status and body.
// Usage: node --import tsx tests/helpers/refresh-worker.ts <tokenId> <count>  (key in BEACON_WORKER_KEY)
import { markBeaconServer } from "../../lib/net.ts";

const [id, count] = process.argv.slice(2).map(Number);
const key = process.env.BEACON_WORKER_KEY!;
markBeaconServer();
const { POST } = await import("../../app/api/v1/tokens/[id]/refresh/route.ts");
const { disconnectDb } = await import("../../lib/db.ts");

const send = async () => {
  const req = new Request(`http://beacon.test/api/v1/tokens/${id}/refresh`, {
    method: "POST",
    headers: { host: "beacon.test", "x-beacon-client-ip": "192.0.2.10", authorization: `Token ${key}` },
  });
  const res: Response = await POST(req, { params: Promise.resolve({ id: String(id) }) });
  return { status: res.status, body: JSON.parse(await res.text()) };
};

process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  const results = await Promise.all(Array.from({ length: count }, send));
  process.stdout.write(JSON.stringify(results) + "\n");
  await disconnectDb();
  process.exit(0);
});
