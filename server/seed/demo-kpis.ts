import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cities, users } from "@/db/schema/identity";
import { kpiMeasurements, kpis } from "@/db/schema/kpis";
import { findIndicator, INDICATOR_CATALOGUE } from "@/server/kpis/indicator-catalogue";
import { kpiStatus, yearEnd } from "@/server/kpis/kpi-trajectory";

/**
 * Demo KPI registers for the two demo cities (issue #16): a few catalogue indicators published with
 * five yearly measurements, one unpublished and one custom indicator, so the public KPI page, the
 * cross-city benchmark and the expert's register summary have something to show. The values are
 * illustrative demo figures, not statistics of these cities; no population is entered (the pages
 * show "population not provided").
 */

type DemoKpi = {
  key?: string;
  custom?: { en: string; zh: string; unit: string };
  isPublic: boolean;
  baseline: [number, number];
  target: [number, number];
  values: number[];
};

const YEARS = [2021, 2022, 2023, 2024, 2025];

/** demo.ts's DEMO_CITY_EU and DEMO_CITY_CHINA; not imported, as demo.ts imports this module. */
const DEMO_CITY_EU = "barcelona";
const DEMO_CITY_CHINA = "shanghai-pudong-new-area";

const DEMO_KPIS: Record<string, { owner: string; kpis: DemoKpi[] }> = {
  [DEMO_CITY_EU]: {
    owner: "department.barcelona@demo.city",
    kpis: [
      {
        key: "transportation.non_car_commuting",
        isPublic: true,
        baseline: [57, 2020],
        target: [70, 2030],
        values: [58, 59.5, 61, 62.4, 63.1],
      },
      { key: "energy.renewable_share", isPublic: true, baseline: [18, 2020], target: [50, 2030], values: [19, 21.5, 24, 26.2, 27] },
      { key: "solid_waste.recycled_share", isPublic: true, baseline: [38, 2020], target: [55, 2030], values: [38.5, 39, 39.2, 39.8, 40.1] },
      { key: "environment.no2", isPublic: false, baseline: [42, 2020], target: [30, 2030], values: [40, 38, 37, 36.5, 35] },
      {
        custom: { en: "Smart parking bays with sensors", zh: "安装传感器的智能停车位", unit: "bays" },
        isPublic: true,
        baseline: [4000, 2020],
        target: [12000, 2030],
        values: [5200, 6100, 7400, 8300, 9000],
      },
    ],
  },
  [DEMO_CITY_CHINA]: {
    owner: "department.pudong@demo.city",
    kpis: [
      {
        key: "transportation.non_car_commuting",
        isPublic: true,
        baseline: [64, 2020],
        target: [75, 2030],
        values: [65, 66.4, 67.5, 69, 70.2],
      },
      { key: "energy.renewable_share", isPublic: true, baseline: [12, 2020], target: [35, 2030], values: [13, 15, 16.1, 17, 18.4] },
      { key: "solid_waste.recycled_share", isPublic: true, baseline: [30, 2020], target: [45, 2030], values: [33, 36, 38.5, 41, 42.2] },
      { key: "economy.unemployment_rate", isPublic: false, baseline: [4.5, 2020], target: [3.5, 2030], values: [4.4, 4.2, 4.1, 4, 3.9] },
    ],
  },
};

export async function seedDemoKpis(db: Db): Promise<void> {
  for (const [slug, register] of Object.entries(DEMO_KPIS)) {
    const [city] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, register.owner));
    if (!city || !owner) throw new Error(`demo KPI register: city ${slug} or owner ${register.owner} missing`);
    for (const entry of register.kpis) {
      const indicator = entry.key ? findIndicator(entry.key) : undefined;
      if (entry.key && !indicator) throw new Error(`demo KPI register: ${entry.key} is not in the catalogue`);
      const direction = indicator?.direction ?? "higher_is_better";
      const trajectory = {
        direction,
        baselineValue: entry.baseline[0],
        baselineYear: entry.baseline[1],
        targetValue: entry.target[0],
        targetYear: entry.target[1],
      };
      const measurements = entry.values.map((value, i) => ({ measuredOn: yearEnd(YEARS[i]), value }));
      const latest = measurements.at(-1);
      const [row] = await db
        .insert(kpis)
        .values({
          cityId: city.id,
          indicatorKey: indicator?.key ?? null,
          catalogueVersion: indicator ? INDICATOR_CATALOGUE.version : null,
          isCustom: !indicator,
          customName: entry.custom ? { en: entry.custom.en, zh: entry.custom.zh } : null,
          unit: indicator?.unit ?? entry.custom?.unit ?? "",
          unitFamily: indicator?.unitFamily ?? "count",
          ...trajectory,
          ownerId: owner.id,
          createdBy: owner.id,
          isPublic: entry.isPublic,
          status: kpiStatus(trajectory, measurements),
          statusEvaluatedAt: new Date(),
          latestValue: latest?.value ?? null,
          latestMeasuredOn: latest?.measuredOn ?? null,
        })
        .returning({ id: kpis.id });
      await db
        .insert(kpiMeasurements)
        .values(measurements.map((m) => ({ ...m, cityId: city.id, kpiId: row.id, source: "manual" as const, enteredBy: owner.id })));
    }
  }
}
