import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getIndicatorBenchmark, getPublicCityKpis } from "@/server/public/public-kpi-data";
import { kpiRegisterSummary } from "@/server/review/kpi-register-summary";
import { seedDemoDataIfEmpty } from "@/server/seed/demo";
import { createTestDb } from "../helpers/test-db";

/* The demo KPI registers (server/seed/demo-kpis.ts): what the public pages and the e2e journey rely on. */

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemoDataIfEmpty(h.db);
});
afterAll(() => h.close());

describe("demo KPI registers", () => {
  it("publish Barcelona's three catalogue KPIs and its custom one, with five measurements each and a status, and keep NO2 unpublished", async () => {
    const page = await getPublicCityKpis(h.db, "barcelona", "en");
    expect(page.kpis.map((k) => k.indicatorKey ?? "custom").sort()).toEqual(
      ["custom", "energy.renewable_share", "solid_waste.recycled_share", "transportation.non_car_commuting"].sort(),
    );
    for (const kpi of page.kpis) {
      expect(kpi.measurements).toHaveLength(5);
      expect(kpi.status).not.toBe("no_data");
    }
    expect(page.city.population).toBeNull();
  });

  it("give a two-city benchmark of non-car commuting, and the register summary counts the unpublished entry too", async () => {
    const benchmark = await getIndicatorBenchmark(h.db, { indicatorKey: "transportation.non_car_commuting", city: "barcelona" }, "en");
    expect(benchmark.cities.map((c) => [c.slug, c.value])).toEqual([
      ["barcelona", 63.1],
      ["shanghai-pudong-new-area", 70.2],
    ]);
    expect(benchmark.highlighted?.percentile).toBe(25);
    const unemployment = await getIndicatorBenchmark(h.db, { indicatorKey: "economy.unemployment_rate" }, "en");
    expect(unemployment.cities).toEqual([]);
    const page = await getPublicCityKpis(h.db, "barcelona", "en");
    const cityId = (await h.db.query.cities.findFirst({ where: (c, { eq }) => eq(c.slug, "barcelona") }))!.id;
    expect(page.kpis).toHaveLength(4);
    expect(await kpiRegisterSummary(h.db, cityId)).toEqual({ total: 5, withTargets: 5, catalogue: 4, public: 4, measured: 5 });
  });
});
