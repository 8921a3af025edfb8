/**
 * Runs once when the server starts (Next's instrumentation hook). Makes the TCP peer the last
 * X-Forwarded-For entry of every request, so rate limits and sign-in throttling count the real
 * socket address and a client-sent header cannot reset them (server/http/client-address.ts).
 * Checks every environment variable first (env.ts), so a bad setting stops the server with a message
 * naming it. Installs the demo seed of the process-wide database before the first request (server/bootstrap).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnv } = await import("./env");
    validateEnv();
    const { installSocketAddressCapture } = await import("./server/http/client-address");
    await installSocketAddressCapture();
    // Pages that fail because the database is down answer 503 + Retry-After (server/http/unavailable-pages.ts).
    const { installUnavailablePages } = await import("./server/http/unavailable-pages");
    await installUnavailablePages();
    await import("./server/bootstrap/app-database");
    // The mail worker (server/jobs): sends the outbox and the digests; stopped on SIGTERM.
    const { startBackgroundJobs } = await import("./server/jobs/background-jobs");
    startBackgroundJobs();
  }
}

/**
 * Next calls this for every error a request's render or handler throws on the server. Synchronous
 * on purpose: it marks the request (server/http/unavailable-pages.ts, installed by register())
 * before Next writes the error page's head.
 */
export function onRequestError(error: unknown) {
  (globalThis as { __noteRequestError?: (error: unknown) => void }).__noteRequestError?.(error);
}
