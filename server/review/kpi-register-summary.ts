import { and, countDistinct, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { kpiMeasurements, kpis } from "@/db/schema/kpis";
import type { Framework } from "@/server/scoring/framework-types";

/**
 * Supporting information for the expert judging the KPI criteria of the Smart City Strategy (issue
 * #16): what the city's KPI register holds. It informs the judgement and decides nothing; the expert
 * still judges each criterion.
 */

export const STRATEGY_CHARACTERISTIC = "smart_city_strategy";

/** The strategy criteria about KPIs (Average, More Advanced, State-of-the-Art in the 2014 edition), found by their text. */
export function kpiCriterionKeys(framework: Framework): string[] {
  const strategy = framework.characteristics.find((c) => c.key === STRATEGY_CHARACTERISTIC);
  return (strategy?.criteria ?? []).filter((c) => /\bKPI/.test(c.text.en)).map((c) => c.key);
}

export type KpiRegisterSummary = {
  /** KPIs in the register (archived ones left out). */
  total: number;
  /** With a target value and year. */
  withTargets: number;
  /** Tied to a catalogue indicator (ISO 37120), so benchmarkable against other cities. */
  catalogue: number;
  /** Published on the city's public KPI page. */
  public: number;
  /** With at least one measurement. */
  measured: number;
};

/** Counts of the city's current KPI register, in one statement. */
export async function kpiRegisterSummary(db: DbOrTx, cityId: string): Promise<KpiRegisterSummary> {
  const [row] = await db
    .select({
      total: countDistinct(kpis.id),
      withTargets: sql<number>`count(distinct ${kpis.id}) filter (where ${kpis.targetValue} is not null and ${kpis.targetYear} is not null)`,
      catalogue: sql<number>`count(distinct ${kpis.id}) filter (where ${kpis.indicatorKey} is not null)`,
      public: sql<number>`count(distinct ${kpis.id}) filter (where ${kpis.isPublic})`,
      measured: sql<number>`count(distinct ${kpiMeasurements.kpiId})`,
    })
    .from(kpis)
    .leftJoin(kpiMeasurements, eq(kpiMeasurements.kpiId, kpis.id))
    .where(and(eq(kpis.cityId, cityId), isNull(kpis.archivedAt)));
  return {
    total: Number(row?.total ?? 0),
    withTargets: Number(row?.withTargets ?? 0),
    catalogue: Number(row?.catalogue ?? 0),
    public: Number(row?.public ?? 0),
    measured: Number(row?.measured ?? 0),
  };
}
