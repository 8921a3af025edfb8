// A small HTTP server for the shutdown tests: it opens the app database through db/app-db.ts, as the
// app does, serves writes, and shuts down with the same code as the production server
// (scripts/server-lifecycle.mjs). Run with `node --import tsx`; prints "listening <port>" when ready
// and "begin <key>" as each write request arrives.
import http from "node:http";
import { sql } from "drizzle-orm";
import { getAppDatabase } from "@/server/bootstrap/app-database";
import { closeAppDatabaseIfOpen, installGracefulShutdown } from "../../scripts/server-lifecycle.mjs";

const writeDelayMs = Number(process.env.WRITE_DELAY_MS ?? 200);
const handle = await getAppDatabase();
await handle.db.execute(sql`create table if not exists shutdown_writes (key text not null)`);

const server = http.createServer(async (req, res) => {
  const key = new URL(req.url ?? "/", "http://localhost").searchParams.get("key") ?? "";
  console.log(`begin ${key}`);
  // Request work before the write, so that requests are in flight when the signal arrives.
  await new Promise((resolve) => setTimeout(resolve, writeDelayMs));
  try {
    const { db } = await getAppDatabase();
    await db.execute(sql`insert into shutdown_writes (key) values (${key})`);
    res.writeHead(200, { "Content-Type": "text/plain" }).end(`saved ${key}`);
  } catch {
    res.writeHead(503, { "Content-Type": "text/plain" }).end("unavailable");
  }
});
installGracefulShutdown(server, { timeoutMs: 10_000, close: closeAppDatabaseIfOpen });
server.listen(0, "127.0.0.1", () => {
  console.log(`listening ${(server.address() as import("node:net").AddressInfo).port}`);
});
