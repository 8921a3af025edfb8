// Production server (`npm start`): Next's request handler in a plain Node HTTP server, so that a
// SIGTERM/SIGINT drains the requests in flight and closes the database before the process exits.
// `next start` cannot do that: on a signal it exits at once, cutting requests in flight and leaving
// the embedded database's app.lock and postmaster.pid behind.
//
// Usage: node scripts/server.mjs [-p PORT] [-H HOSTNAME]   (or env PORT)
import http from "node:http";
import next from "next";
import { closeAppDatabaseIfOpen, installGracefulShutdown } from "./server-lifecycle.mjs";

function argument(short, long) {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === short || arg === long);
  return index >= 0 ? args[index + 1] : undefined;
}

const port = Number(argument("-p", "--port") ?? process.env.PORT ?? 3000);
// Like `next start`: without -H, listen on every address (IPv4 and IPv6). Not $HOSTNAME: shells and
// containers set it to the machine's name.
const hostname = argument("-H", "--hostname");
process.env.NODE_ENV ??= "production";

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  void handle(req, res);
});
installGracefulShutdown(server, {
  timeoutMs: Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000),
  close: closeAppDatabaseIfOpen,
});
const ready = () => console.log(`> Ready on http://${hostname ?? "localhost"}:${port}`);
if (hostname) server.listen(port, hostname, ready);
else server.listen(port, ready);
