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
    await import("./server/bootstrap/app-database");
    // The mail worker (server/jobs): sends the outbox and the digests; stopped on SIGTERM.
    const { startBackgroundJobs } = await import("./server/jobs/background-jobs");
    startBackgroundJobs();
  }
}
