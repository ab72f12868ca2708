// A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL), which a test can make refuse new
// connections (it stops listening), stall (accepts, but forwards nothing either way) or cut (closes
// every open connection) — real network failures, without touching the shared server.
import net from "node:net";

export interface TcpProxy {
  port: number;
  /** Stop listening: new connections are refused (ECONNREFUSED). */
  refuse(): Promise<void>;
  /** Stop forwarding bytes on open and new connections; queued bytes flow again on pass(). */
  stall(): void;
  /** Close every open connection (both sides). */
  cut(): void;
  /** Back to normal: listening and forwarding. */
  pass(): Promise<void>;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  flush(): void;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let stalled = false;
  const pairs = new Set<Pair>();

  function forward(from: net.Socket, to: net.Socket, queue: Buffer[]) {
    from.on("data", (chunk) => {
      if (stalled) queue.push(chunk);
      else to.write(chunk);
    });
    from.on("close", () => to.destroy());
    from.on("error", () => to.destroy());
  }

  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    const toUpstream: Buffer[] = [];
    const toClient: Buffer[] = [];
    const pair: Pair = {
      client,
      upstream,
      flush() {
        for (const chunk of toUpstream.splice(0)) upstream.write(chunk);
        for (const chunk of toClient.splice(0)) client.write(chunk);
      },
    };
    pairs.add(pair);
    client.on("close", () => pairs.delete(pair));
    forward(client, upstream, toUpstream);
    forward(upstream, client, toClient);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (server.listening) return resolve();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

  const cut = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    pairs.clear();
  };

  return {
    port,
    async refuse() {
      // server.close() waits for open connections: cut them so that it returns.
      const closed = stopListening();
      cut();
      await closed;
    },
    stall() {
      stalled = true;
    },
    cut,
    async pass() {
      stalled = false;
      for (const pair of pairs) pair.flush();
      await listen();
    },
    async close() {
      stalled = false;
      const closed = stopListening();
      cut();
      await closed;
    },
  };
}
