import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { cacheTagInvalidations } from "@/db/schema/cache-invalidations";
import { cities } from "@/db/schema/identity";
import { kpiMeasurements, kpis } from "@/db/schema/kpis";
import { PUBLIC_KPI_BENCHMARKS_TAG, publicCityKpisTag } from "@/server/cache/cache-tags";
import type { CatalogueIndicator } from "@/server/kpis/indicator-catalogue";
import { invalidatePublicKpis } from "@/server/kpis/public-kpi-cache";
import { serveOpenData } from "@/server/public/open-data-http";
import { openDataRoutes } from "@/server/public/open-data-routes";
import { buildOpenApiDocument } from "@/server/public/openapi";
import { getIndicatorBenchmark, getPublicCityKpis } from "@/server/public/public-kpi-data";
import { currentFramework } from "@/server/scoring/framework-registry";
import { callerFor, makeAssessment, makeCity, makeCityCast } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/*
 * The public side of the KPI register (issue #16): only published register entries ever reach the
 * API, the pages' data or a benchmark; custom indicators stay out of cross-city benchmarks; a
 * missing population is flagged, never estimated; and the expert's register summary counts.
 */

let h: DatabaseHandle;
let db: Db;
let cast: Awaited<ReturnType<typeof makeCityCast>>;
let ownerId: string;
const slugs = { a: "", b: "", c: "" };
const ids: Record<string, string> = {};

const KEY = "economy.unemployment_rate";

type KpiSeed = {
  cityId: string;
  indicatorKey?: string | null;
  isCustom?: boolean;
  isPublic: boolean;
  unit?: string;
  unitFamily?: (typeof kpis.$inferInsert)["unitFamily"];
  archived?: boolean;
  name?: string;
  values: [string, number][];
};

async function makeKpi(seed: KpiSeed): Promise<string> {
  const [row] = await db
    .insert(kpis)
    .values({
      cityId: seed.cityId,
      indicatorKey: seed.indicatorKey ?? null,
      catalogueVersion: seed.indicatorKey ? "2018.1" : null,
      isCustom: seed.isCustom ?? false,
      customName: seed.isCustom ? { en: seed.name ?? "Custom", zh: seed.name ?? "自定义" } : null,
      unit: seed.unit ?? "%",
      unitFamily: seed.unitFamily ?? "percentage",
      direction: "lower_is_better",
      baselineValue: 9,
      baselineYear: 2020,
      targetValue: 4,
      targetYear: 2030,
      ownerId,
      createdBy: ownerId,
      isPublic: seed.isPublic,
      archivedAt: seed.archived ? new Date() : null,
    })
    .returning();
  for (const [measuredOn, value] of seed.values) {
    await db
      .insert(kpiMeasurements)
      .values({ cityId: seed.cityId, kpiId: row.id, measuredOn, value, source: "manual", enteredBy: ownerId });
  }
  return row.id;
}

const rest = (route: (typeof openDataRoutes)[keyof typeof openDataRoutes], url: string, params: Record<string, string>, headers = {}) =>
  serveOpenData(route, new Request(`http://localhost${url}`, { headers }), params, async () => db, { limiter: null });

beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
  cast = await makeCityCast(db, { population: 500_000 });
  ownerId = cast.users.department.id;
  const b = await makeCity(db, { population: null });
  const c = await makeCity(db, { population: 2_000_000 });
  slugs.a = cast.city.slug;
  slugs.b = b.slug;
  slugs.c = c.slug;
  // City A: a published catalogue KPI, an unpublished one, a published custom one, an unmapped custom one.
  ids.aPublic = await makeKpi({
    cityId: cast.city.id,
    indicatorKey: KEY,
    isPublic: true,
    values: [
      ["2024-12-31", 5],
      ["2023-12-31", 6],
    ],
  });
  ids.aSecret = await makeKpi({
    cityId: cast.city.id,
    indicatorKey: "economy.youth_unemployment_rate",
    isPublic: false,
    values: [["2024-12-31", 11]],
  });
  ids.aCustom = await makeKpi({
    cityId: cast.city.id,
    isCustom: true,
    isPublic: true,
    name: "Smart lamp posts online",
    values: [["2024-12-31", 1]],
  });
  ids.aCustomHidden = await makeKpi({ cityId: cast.city.id, isCustom: true, isPublic: false, name: "Internal metric", values: [] });
  ids.aArchived = await makeKpi({ cityId: cast.city.id, indicatorKey: KEY, isPublic: true, archived: true, values: [["2025-06-30", 0.5]] });
  // City B publishes the indicator; city C keeps it unpublished; a custom KPI of C is public but unmapped.
  ids.bPublic = await makeKpi({ cityId: b.id, indicatorKey: KEY, isPublic: true, values: [["2024-12-31", 8]] });
  ids.cSecret = await makeKpi({ cityId: c.id, indicatorKey: KEY, isPublic: false, values: [["2024-12-31", 2]] });
  ids.cCustom = await makeKpi({ cityId: c.id, isCustom: true, isPublic: true, unit: "%", values: [["2024-12-31", 3]] });
});
afterAll(() => h.close());

describe("a city's public KPIs", () => {
  it("lists only the published, unarchived entries, with measurements oldest first", async () => {
    const page = await getPublicCityKpis(db, slugs.a, "en");
    expect(page.kpis.map((k) => k.id).sort()).toEqual([ids.aPublic, ids.aCustom].sort());
    const unemployment = page.kpis.find((k) => k.id === ids.aPublic)!;
    expect(unemployment.name).toBe("City's unemployment rate");
    expect(unemployment.measurements).toEqual([
      { measuredOn: "2023-12-31", value: 6 },
      { measuredOn: "2024-12-31", value: 5 },
    ]);
    expect(unemployment.latest).toEqual({ measuredOn: "2024-12-31", value: 5 });
    expect(page.kpis.find((k) => k.id === ids.aCustom)!.name).toBe("Smart lamp posts online");
    expect(page.city.population).toBe(500_000);
  });

  it("gives the same through tRPC, to anyone, and nothing unpublished through the API (JSON or CSV)", async () => {
    const viaTrpc = await callerFor(db, null).kpiBenchmarks.cityKpis({ slug: slugs.a });
    const res = await rest(openDataRoutes.getCityKpis, `/api/v1/cities/${slugs.a}/kpis`, { slug: slugs.a });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(res.headers.get("etag")).toBeTruthy();
    const body = await res.text();
    expect(JSON.parse(body)).toEqual(viaTrpc);
    const csv = await (await rest(openDataRoutes.getCityKpis, `/api/v1/cities/${slugs.a}/kpis?format=csv`, { slug: slugs.a })).text();
    expect(csv.split("\r\n")[0]).toBe(
      "city_slug,kpi_id,indicator_key,is_custom,name,unit,direction,baseline_value,baseline_year,target_value,target_year,status,measured_on,value",
    );
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 3);
    for (const secret of [ids.aSecret, ids.aCustomHidden, ids.aArchived, "Internal metric", "economy.youth_unemployment_rate"]) {
      expect(body).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
  });

  it("shows an empty list for a city that published nothing, 404 for an unknown city", async () => {
    expect((await getPublicCityKpis(db, slugs.c, "en")).kpis.map((k) => k.id)).toEqual([ids.cCustom]);
    const missing = await rest(openDataRoutes.getCityKpis, "/api/v1/cities/atlantis/kpis", { slug: "atlantis" });
    expect(missing.status).toBe(404);
  });
});

describe("the benchmark of a catalogue indicator", () => {
  it("compares only the published values of the cities, never unpublished, archived or custom entries", async () => {
    const result = await getIndicatorBenchmark(db, { indicatorKey: KEY, city: slugs.a }, "en");
    expect(result.cities.map((c) => [c.slug, c.value])).toEqual([
      [slugs.a, 5],
      [slugs.b, 8],
    ]);
    expect(result.distribution).toEqual({ count: 2, min: 5, q1: 5.75, median: 6.5, q3: 7.25, max: 8 });
    expect(result.highlighted).toEqual({ slug: slugs.a, value: 5, percentile: 25 });
    // A percentage: no per-capita view, no missing-population flag.
    expect(result.perCapita).toBeNull();
    expect(result.cities.every((c) => !c.populationMissing)).toBe(true);
  });

  it("drops a city from the benchmark as soon as it unpublishes the entry", async () => {
    await db.update(kpis).set({ isPublic: false }).where(eq(kpis.id, ids.bPublic));
    try {
      const result = await getIndicatorBenchmark(db, { indicatorKey: KEY }, "en");
      expect(result.cities.map((c) => c.slug)).toEqual([slugs.a]);
    } finally {
      await db.update(kpis).set({ isPublic: true }).where(eq(kpis.id, ids.bPublic));
    }
  });

  it("normalises counts per 100 000 residents and flags a city whose population is not provided", async () => {
    const countIndicator: CatalogueIndicator = {
      key: "test.charging_points",
      theme: "energy",
      name: { en: "Public charging points", zh: "公共充电桩" },
      definition: { en: "Number of public charging points.", zh: "公共充电桩数量。" },
      unit: "points",
      unitFamily: "count",
      direction: "higher_is_better",
      standard: "ISO 37120:2018",
      clause: "test",
    };
    const [b] = await db.select().from(cities).where(eq(cities.slug, slugs.b));
    await makeKpi({
      cityId: cast.city.id,
      indicatorKey: countIndicator.key,
      isPublic: true,
      unit: "points",
      unitFamily: "count",
      values: [["2024-12-31", 50]],
    });
    await makeKpi({
      cityId: b.id,
      indicatorKey: countIndicator.key,
      isPublic: true,
      unit: "points",
      unitFamily: "count",
      values: [["2024-12-31", 70]],
    });
    const result = await getIndicatorBenchmark(db, { indicatorKey: countIndicator.key }, "en", (key) =>
      key === countIndicator.key ? countIndicator : undefined,
    );
    const bySlug = Object.fromEntries(result.cities.map((c) => [c.slug, c]));
    expect(bySlug[slugs.a]).toMatchObject({ population: 500_000, perCapitaValue: 10, populationMissing: false });
    expect(bySlug[slugs.b]).toMatchObject({ population: null, perCapitaValue: null, populationMissing: true });
    expect(result.perCapita).toEqual({
      base: 100_000,
      excludedForMissingPopulation: 1,
      distribution: { count: 1, min: 10, q1: 10, median: 10, q3: 10, max: 10 },
    });
  });

  it("serves JSON and CSV through the API, 404 for a key not in the catalogue and 400 for a malformed one", async () => {
    const url = `/api/v1/kpis/${KEY}/benchmark`;
    const json = await rest(openDataRoutes.getIndicatorBenchmark, `${url}?city=${slugs.b}`, { indicatorKey: KEY });
    expect(json.status).toBe(200);
    const body = await json.json();
    expect(body).toEqual(await callerFor(db, null).kpiBenchmarks.indicator({ indicatorKey: KEY, city: slugs.b }));
    expect(body.highlighted.slug).toBe(slugs.b);
    const csv = await (await rest(openDataRoutes.getIndicatorBenchmark, url, { indicatorKey: KEY }, { accept: "text/csv" })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      "indicator_key,unit,city_slug,city_name,country,region,value,measured_on,percentile,population,per_capita_value,population_missing,localized_name",
    );
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual([slugs.a, slugs.b]);
    expect(csv).not.toContain(slugs.c);
    const unknown = await rest(openDataRoutes.getIndicatorBenchmark, "/api/v1/kpis/economy.nothing/benchmark", {
      indicatorKey: "economy.nothing",
    });
    expect(unknown.status).toBe(404);
    const malformed = await rest(openDataRoutes.getIndicatorBenchmark, "/api/v1/kpis/DROP/benchmark", { indicatorKey: "DROP TABLE" });
    expect(malformed.status).toBe(400);
  });

  it("is in the OpenAPI document with its parameters and response schemas", () => {
    const doc = buildOpenApiDocument();
    const paths = doc.paths as Record<string, { get: { operationId: string; parameters: { name: string; in: string }[] } }>;
    expect(paths["/api/v1/cities/{slug}/kpis"].get.operationId).toBe("getCityKpis");
    const benchmark = paths["/api/v1/kpis/{indicatorKey}/benchmark"].get;
    expect(benchmark.operationId).toBe("getIndicatorBenchmark");
    expect(benchmark.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      "path:indicatorKey",
      "query:city",
      "query:format",
      "query:lang",
    ]);
    expect(doc.components.schemas.CityKpis).toBeDefined();
    expect(Object.keys((doc.components.schemas.IndicatorBenchmark as { properties: object }).properties).sort()).toEqual(
      ["cities", "distribution", "highlighted", "indicator", "perCapita"].sort(),
    );
  });
});

describe("the register summary on the judgement screen", () => {
  it("names the strategy's three KPI criteria and counts the city's register (archived entries left out)", async () => {
    const draft = await makeAssessment(db, { cityId: cast.city.id, status: "in_review", authorId: cast.users.department.id });
    const result = await callerFor(db, cast.users.expert.id).kpiBenchmarks.registerSummary({ assessmentId: draft.id });
    const strategy = currentFramework().characteristics.find((c) => c.key === "smart_city_strategy")!;
    const kpiCriteria = strategy.criteria.filter((c) => result.criterionKeys.includes(c.key));
    expect(kpiCriteria.map((c) => c.level)).toEqual(["average", "more_advanced", "state_of_the_art"]);
    // aPublic, aSecret, aCustom, aCustomHidden and the count KPI of the per-capita test (if it ran first) are current.
    const current = await db.select({ id: kpis.id }).from(kpis).where(eq(kpis.cityId, cast.city.id));
    const extra = current.length - 5; // the archived one and the four above
    expect(result.summary).toEqual({
      total: 4 + extra,
      withTargets: 4 + extra,
      catalogue: 2 + extra,
      public: 2 + extra,
      measured: 3 + extra,
    });
  });
});

describe("population and cache invalidation", () => {
  it("lets the city's leadership set (and clear) the population, and drops the cached KPI pages", async () => {
    await callerFor(db, cast.users.leadership.id).kpiBenchmarks.setPopulation({ cityId: cast.city.id, population: 612_000 });
    expect((await getPublicCityKpis(db, slugs.a, "en")).city.population).toBe(612_000);
    const tags = await db
      .select({ tag: cacheTagInvalidations.tag })
      .from(cacheTagInvalidations)
      .where(inArray(cacheTagInvalidations.tag, [publicCityKpisTag(slugs.a), PUBLIC_KPI_BENCHMARKS_TAG]));
    expect(tags).toHaveLength(2);
    await callerFor(db, cast.users.leadership.id).kpiBenchmarks.setPopulation({ cityId: cast.city.id, population: null });
    expect((await getPublicCityKpis(db, slugs.a, "en")).city.population).toBeNull();
    await expect(
      callerFor(db, cast.users.leadership.id).kpiBenchmarks.setPopulation({ cityId: cast.city.id, population: -5 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await callerFor(db, cast.users.leadership.id).kpiBenchmarks.setPopulation({ cityId: cast.city.id, population: 500_000 });
  });

  it("a measurement of a published KPI drops the city's cached KPI page; one of an unpublished KPI does not", async () => {
    const epochOf = async (tag: string) =>
      Number(
        (await db.select({ epoch: cacheTagInvalidations.epoch }).from(cacheTagInvalidations).where(eq(cacheTagInvalidations.tag, tag)))[0]
          ?.epoch ?? 0,
      );
    const leadership = callerFor(db, cast.users.leadership.id);
    const tag = publicCityKpisTag(slugs.a);
    const before = await epochOf(tag);
    await leadership.kpis.addMeasurement({ kpiId: ids.aSecret, measuredOn: "2025-06-30", value: 10 });
    expect(await epochOf(tag)).toBe(before);
    await leadership.kpis.addMeasurement({ kpiId: ids.aPublic, measuredOn: "2025-06-30", value: 4.5 });
    const afterPublic = await epochOf(tag);
    expect(afterPublic).toBeGreaterThan(before);
    const measurement = (await db.select().from(kpiMeasurements).where(eq(kpiMeasurements.kpiId, ids.aPublic))).find(
      (m) => m.measuredOn === "2025-06-30",
    )!;
    await leadership.kpis.deleteMeasurement({ kpiId: ids.aPublic, measurementId: measurement.id });
    expect(await epochOf(tag)).toBeGreaterThan(afterPublic);
  });

  it("invalidatePublicKpis drops the city's KPI tag and the benchmarks', by id or by slug", async () => {
    const epochOf = async (tag: string) =>
      (await db.select({ epoch: cacheTagInvalidations.epoch }).from(cacheTagInvalidations).where(eq(cacheTagInvalidations.tag, tag)))[0]
        ?.epoch ?? 0;
    const before = await epochOf(publicCityKpisTag(slugs.b));
    const [b] = await db.select().from(cities).where(eq(cities.slug, slugs.b));
    await db.transaction((tx) => invalidatePublicKpis(tx, { cityId: b.id }));
    const afterId = await epochOf(publicCityKpisTag(slugs.b));
    expect(Number(afterId)).toBeGreaterThan(Number(before));
    await db.transaction((tx) => invalidatePublicKpis(tx, { citySlug: slugs.b }));
    expect(Number(await epochOf(publicCityKpisTag(slugs.b)))).toBeGreaterThan(Number(afterId));
    expect(Number(await epochOf(PUBLIC_KPI_BENCHMARKS_TAG))).toBeGreaterThan(0);
  });
});
