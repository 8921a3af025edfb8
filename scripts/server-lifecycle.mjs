// Graceful shutdown for an HTTP server: used by scripts/server.mjs (the production server) and by
// the shutdown tests, so both exercise the same code. Plain JavaScript: it runs under bare Node.

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the requests in flight finish (at most
 * `timeoutMs`), close idle keep-alive connections, then run `close` (the database) and exit.
 * Requests that arrive on an open keep-alive connection while draining are still served, with
 * `Connection: close`, so no client ever sees a connection cut under a request it already sent.
 *
 * @param {import("node:http").Server} server
 * @param {{ timeoutMs?: number, close?: () => Promise<void>, exit?: (code: number) => void, log?: Pick<Console, "info" | "error"> }} [options]
 */
export function installGracefulShutdown(server, options = {}) {
  const { timeoutMs = 10_000, close = async () => {}, exit = (code) => process.exit(code), log = console } = options;
  /** @type {Set<import("node:http").ServerResponse>} */
  const inFlight = new Set();
  let draining = false;
  /** @type {(() => void) | undefined} */
  let onIdle;

  server.on("request", (req, res) => {
    inFlight.add(res);
    if (draining && !res.headersSent) res.setHeader("Connection", "close");
    res.on("close", () => {
      inFlight.delete(res);
      if (draining && inFlight.size === 0) onIdle?.();
    });
  });

  /** @param {string} signal */
  async function shutdown(signal) {
    if (draining) return;
    draining = true;
    log.info(`[server] ${signal}: not accepting new connections; ${inFlight.size} request(s) in flight`);
    server.close();
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    server.closeIdleConnections();
    if (inFlight.size > 0) {
      const idle = new Promise((resolve) => (onIdle = () => resolve(true)));
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const drained = await Promise.race([idle, timedOut]);
      clearTimeout(timer);
      if (!drained) log.error(`[server] ${inFlight.size} request(s) still running after ${timeoutMs} ms; closing them`);
    }
    server.closeAllConnections();
    let code = 0;
    try {
      await close();
    } catch (error) {
      code = 1;
      log.error("[server] closing the database failed:", error);
    }
    log.info("[server] stopped");
    exit(code);
  }

  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return { shutdown };
}

/** Closes the process-wide app database (db/app-db.ts keeps it on globalThis), if it was opened. */
export async function closeAppDatabaseIfOpen() {
  // The mail worker (server/jobs/background-jobs.ts) finishes its pass first: it uses the database.
  await /** @type {{ __mailWorker?: { stop: () => Promise<void> } }} */ (globalThis).__mailWorker?.stop();
  const state = /** @type {{ __appDb?: { shutdown?: () => Promise<void> } }} */ (globalThis).__appDb;
  await state?.shutdown?.();
}
