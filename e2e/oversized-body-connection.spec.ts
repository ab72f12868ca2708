// After a 413 on a body that was not read to its end (issue 9 item 15), the next request on the same
// keep-alive connection must be answered, or the connection closed: never left hanging (a proxy that
// reuses connections would hang other users' requests on it).
import net from "node:net";
import { expect, test } from "@playwright/test";

const MiB = 1024 * 1024;

/** Sends `first`, then after its answer a GET on the same socket; how the socket ended up. */
async function secondRequestOnSameSocket(writeFirst: (socket: net.Socket) => void): Promise<{ outcome: "answered" | "closed" | "hung"; text: string }> {
  const socket = net.connect(Number(process.env.E2E_PORT), "127.0.0.1");
  let text = "";
  socket.setEncoding("latin1");
  socket.on("data", (d) => (text += d));
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
  writeFirst(socket);
  const deadline = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms));
  // The first answer (or the close).
  for (let i = 0; i < 100 && !/\r\n0\r\n\r\n|"}$/.test(text) && !socket.destroyed; i++) await Promise.race([closed, deadline(100)]);
  expect(text).toMatch(/^HTTP\/1\.1 413 /);
  if (!socket.destroyed) socket.write("GET /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", () => {});
  const answered = (async () => {
    while (!/HTTP\/1\.1 200 /.test(text)) await deadline(50);
    return "answered" as const;
  })();
  const outcome = await Promise.race([answered, closed.then(() => "closed" as const), deadline(8000).then(() => "hung" as const)]);
  socket.destroy();
  return { outcome, text };
}

test("a chunked body over 1 MiB: the 413 is sent, then the connection is closed or the next request answered", async () => {
  const { outcome, text } = await secondRequestOnSameSocket((socket) => {
    socket.write("POST /api/v1/tokens/revoke HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n");
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < 2 * MiB; sent += chunk.length) {
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk);
      socket.write("\r\n");
    }
    socket.write("0\r\n\r\n");
  });
  expect(text).toContain('{"detail":"Request body exceeds 1 MiB."}');
  expect(outcome).not.toBe("hung");
});

test("a declared Content-Length over 1 MiB: the same, never a hang", async () => {
  const { outcome } = await secondRequestOnSameSocket((socket) => {
    socket.write(`POST /api/v1/tokens/revoke HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${2 * MiB}\r\n\r\n`);
    socket.write(Buffer.alloc(2 * MiB, 0x20));
  });
  expect(outcome).not.toBe("hung");
});
