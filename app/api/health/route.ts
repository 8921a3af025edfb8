import { sql } from "drizzle-orm";
import { getAppDatabase } from "@/db/app-db";
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError } from "@/db/database-errors";

export const dynamic = "force-dynamic";

/** Health answers within this bound whatever the database does (load balancers time out). */
const HEALTH_DEADLINE_MS = 2_000;

class HealthDeadlineExceeded extends Error {}

/**
 * 200 when the database answers `select 1`, else 503 with Retry-After. The body never carries the
 * driver's error text (it can hold SQL, parameters or host names); the server log has the detail.
 */
export async function GET() {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthDeadlineExceeded()), HEALTH_DEADLINE_MS);
  });
  try {
    const driver = await Promise.race([
      (async () => {
        const handle = await getAppDatabase();
        await handle.db.execute(sql`select 1`);
        return handle.driver;
      })(),
      deadline,
    ]);
    return Response.json(
      {
        status: "ok",
        app: "ok",
        database: { status: "ok", driver, latencyMs: Math.round(performance.now() - started) },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const timedOut = error instanceof HealthDeadlineExceeded;
    // Failures to open the database are logged where they happen (db/app-db.ts).
    if (!timedOut && !(error instanceof DatabaseUnavailableError)) console.error("[health] database check failed:", error);
    return Response.json(
      { status: "error", app: "ok", database: { status: timedOut ? "timeout" : "unavailable" } },
      {
        status: 503,
        headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
      },
    );
  } finally {
    clearTimeout(timer);
  }
}
