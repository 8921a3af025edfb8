import { sql } from "drizzle-orm";
import { getAppDatabase } from "@/db/app-db";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = performance.now();
  try {
    const handle = await getAppDatabase();
    await handle.db.execute(sql`select 1`);
    return Response.json({
      status: "ok",
      app: "ok",
      database: { status: "ok", driver: handle.driver, latencyMs: Math.round(performance.now() - started) },
    });
  } catch (error) {
    return Response.json(
      { status: "error", app: "ok", database: { status: "error", message: (error as Error).message } },
      { status: 503 },
    );
  }
}
