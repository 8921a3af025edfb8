import net from "node:net";

/**
 * A TCP proxy to put between a connection pool and PostgreSQL, so tests can inject network faults
 * without touching the shared server:
 * - `cutAll()`: every current connection is closed on both sides (a restart, a failover);
 * - `refuse()`: stop listening (connections are refused) and cut the current ones (server down);
 * - `blackHole()`: current and new connections are kept open but nothing is forwarded either way
 *   (a partition, a hung server): clients see silence, never an error;
 * - `restore()`: forward again; connections that were black-holed are cut (their sessions are gone).
 */
export type TcpProxy = {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  proxiedUrl: (url: string) => string;
  cutAll: () => void;
  refuse: () => Promise<void>;
  blackHole: () => void;
  restore: () => Promise<void>;
  /** Connections currently open through the proxy. */
  connectionCount: () => number;
  close: () => Promise<void>;
};

type Pair = { client: net.Socket; upstream?: net.Socket; blackHoled: boolean };

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let blackHoling = false;
  let listening = false;

  const server = net.createServer((client) => {
    const pair: Pair = { client, blackHoled: blackHoling };
    pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    client.on("data", (chunk) => {
      if (!pair.blackHoled) pair.upstream?.write(chunk);
    });
    if (pair.blackHoled) return;
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => {});
    upstream.on("close", () => {
      if (!pair.blackHoled) client.destroy();
    });
    upstream.on("data", (chunk) => {
      if (!pair.blackHoled) client.write(chunk);
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        listening = true;
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  const cutAll = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    pairs.clear();
  };

  // server.close() reports back only once every connection has ended, so cut them meanwhile.
  const stopListening = async () => {
    if (!listening) return cutAll();
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    cutAll();
    await closed;
  };

  return {
    port,
    proxiedUrl(url) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    cutAll,
    refuse: stopListening,
    blackHole() {
      blackHoling = true;
      for (const pair of pairs) pair.blackHoled = true;
    },
    async restore() {
      blackHoling = false;
      for (const pair of pairs) {
        if (!pair.blackHoled) continue;
        pair.client.destroy();
        pair.upstream?.destroy();
        pairs.delete(pair);
      }
      if (!listening) await listen(port);
    },
    connectionCount: () => pairs.size,
    close: stopListening,
  };
}
