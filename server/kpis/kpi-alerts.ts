import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { kpiMeasurements, kpis } from "@/db/schema/kpis";
import { cityMemberIds, notifyUsers } from "@/server/notifications/notifications";
import { findIndicator } from "./indicator-catalogue";
import { isOverdue, kpiStatus } from "./kpi-trajectory";

type KpiRow = typeof kpis.$inferSelect;

/** The English name a notification quotes (catalogue name or the custom name). */
export function kpiDisplayName(kpi: Pick<KpiRow, "indicatorKey" | "customName" | "isCustom">, locale: "en" | "zh" = "en"): string {
  if (kpi.isCustom && kpi.customName) return kpi.customName[locale] || kpi.customName.en;
  const indicator = kpi.indicatorKey ? findIndicator(kpi.indicatorKey) : undefined;
  return indicator?.name[locale] ?? kpi.indicatorKey ?? "KPI";
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Recomputes the latest measurement, the status and the overdue flag of these KPIs and tells the
 * owner and the city's leadership group when the status changes (to anything but no_data) or a
 * measurement becomes overdue. Idempotent: each update says `where status/overdue = what we read`,
 * so two evaluations racing notify once, and an unchanged KPI notifies nobody. Call it inside the
 * write's transaction (and from the lazy daily check).
 */
export async function evaluateKpis(
  tx: DbOrTx,
  kpiIds: readonly string[],
  options: { today?: string; actorId?: string | null } = {},
): Promise<{ changed: number; notified: number }> {
  if (kpiIds.length === 0) return { changed: 0, notified: 0 };
  const today = options.today ?? todayIso();
  const rows = await tx
    .select()
    .from(kpis)
    .where(inArray(kpis.id, [...kpiIds]));
  // The latest measurement of each KPI (after its baseline date) in one statement.
  const latest = await tx
    .selectDistinctOn([kpiMeasurements.kpiId], {
      kpiId: kpiMeasurements.kpiId,
      measuredOn: kpiMeasurements.measuredOn,
      value: kpiMeasurements.value,
    })
    .from(kpiMeasurements)
    .innerJoin(kpis, eq(kpis.id, kpiMeasurements.kpiId))
    .where(
      and(inArray(kpiMeasurements.kpiId, [...kpiIds]), gt(kpiMeasurements.measuredOn, sql`make_date(${kpis.baselineYear}::int, 12, 31)`)),
    )
    .orderBy(kpiMeasurements.kpiId, desc(kpiMeasurements.measuredOn));
  const latestOf = new Map(latest.map((m) => [m.kpiId, m]));
  const leadershipByCity = new Map<string, string[]>();
  let changed = 0;
  let notified = 0;
  for (const kpi of rows) {
    const measurement = latestOf.get(kpi.id) ?? null;
    const status = kpiStatus(kpi, measurement ? [measurement] : []);
    const overdue = kpi.archivedAt ? false : isOverdue(kpi, measurement?.measuredOn ?? null, today);
    const [updated] = await tx
      .update(kpis)
      .set({
        status,
        overdue,
        latestValue: measurement?.value ?? null,
        latestMeasuredOn: measurement?.measuredOn ?? null,
        statusEvaluatedAt: new Date(),
      })
      .where(and(eq(kpis.id, kpi.id), eq(kpis.status, kpi.status), eq(kpis.overdue, kpi.overdue)))
      .returning({ id: kpis.id });
    if (!updated || kpi.archivedAt) continue;
    const statusChanged = status !== kpi.status && status !== "no_data";
    const becameOverdue = overdue && !kpi.overdue;
    if (!statusChanged && !becameOverdue) continue;
    changed++;
    let leadership = leadershipByCity.get(kpi.cityId);
    if (!leadership) {
      leadership = await cityMemberIds(tx, kpi.cityId, ["leadership"]);
      leadershipByCity.set(kpi.cityId, leadership);
    }
    const recipients = [kpi.ownerId, ...leadership];
    const params = { kpiName: kpiDisplayName(kpi), status };
    const href = `/kpis/register/${kpi.id}`;
    const except = { exceptUserId: options.actorId ?? null };
    if (statusChanged) {
      notified += await notifyUsers(tx, recipients, { cityId: kpi.cityId, kind: "kpi_status_changed", params, href }, except);
    }
    if (becameOverdue) {
      notified += await notifyUsers(tx, recipients, { cityId: kpi.cityId, kind: "kpi_measurement_overdue", params, href });
    }
  }
  return { changed, notified };
}

/**
 * The lazy periodic check: KPIs of the city not evaluated today are evaluated now (overdue
 * measurements appear with the passing of time, not with a write). Cheap when nothing is due: one
 * indexed select.
 */
export async function refreshStaleKpis(db: DbOrTx, cityId: string, today: string = todayIso()): Promise<number> {
  const stale = await db
    .select({ id: kpis.id })
    .from(kpis)
    .where(
      and(
        eq(kpis.cityId, cityId),
        isNull(kpis.archivedAt),
        or(isNull(kpis.statusEvaluatedAt), lt(kpis.statusEvaluatedAt, new Date(`${today}T00:00:00Z`))),
      ),
    );
  if (stale.length === 0) return 0;
  await db.transaction((tx) =>
    evaluateKpis(
      tx,
      stale.map((s) => s.id),
      { today },
    ),
  );
  return stale.length;
}
