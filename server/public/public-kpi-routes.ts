import type { z } from "zod";
import { toCsv } from "./open-data-csv";
import type { AnyOpenDataRoute, OpenDataRoute } from "./open-data-routes";
import { getIndicatorBenchmark, getPublicCityKpis } from "./public-kpi-data";
import {
  type CityKpis,
  cityKpisParamsSchema,
  cityKpisSchema,
  type IndicatorBenchmarkResult,
  indicatorBenchmarkParamsSchema,
  indicatorBenchmarkQuerySchema,
  indicatorBenchmarkSchema,
} from "./public-kpi-schemas";

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** Keeps each route's schema types for its `run` (the open data list's own helper, here without an import cycle at runtime). */
const kpiRoute = <P extends ObjectSchema, Q extends ObjectSchema, R>(route: OpenDataRoute<P, Q, R>) => route;

/** One row per measurement of each published KPI; a KPI without measurements has one row with empty value columns. */
export function cityKpisCsv(result: CityKpis): string {
  return toCsv(
    [
      "city_slug",
      "kpi_id",
      "indicator_key",
      "is_custom",
      "name",
      "unit",
      "direction",
      "baseline_value",
      "baseline_year",
      "target_value",
      "target_year",
      "status",
      "measured_on",
      "value",
    ],
    result.kpis.flatMap((k) => {
      const head = [
        result.city.slug,
        k.id,
        k.indicatorKey,
        k.isCustom,
        k.name,
        k.unit,
        k.direction,
        k.baseline.value,
        k.baseline.year,
        k.target.value,
        k.target.year,
        k.status,
      ];
      return k.measurements.length ? k.measurements.map((m) => [...head, m.measuredOn, m.value]) : [[...head, null, null]];
    }),
  );
}

/** One row per city, by value. */
export function indicatorBenchmarkCsv(result: IndicatorBenchmarkResult): string {
  return toCsv(
    [
      "indicator_key",
      "unit",
      "city_slug",
      "city_name",
      "country",
      "region",
      "value",
      "measured_on",
      "percentile",
      "population",
      "per_capita_value",
      "population_missing",
      "localized_name",
    ],
    result.cities.map((c) => [
      result.indicator.key,
      result.indicator.unit,
      c.slug,
      c.name,
      c.country,
      c.region,
      c.value,
      c.measuredOn,
      Math.round(c.percentile * 10) / 10,
      c.population,
      c.perCapitaValue,
      c.populationMissing,
      c.localizedName,
    ]),
  );
}

/** The KPI routes of the open data API, spread into `openDataRoutes` (server/public/open-data-routes.ts). */
export const publicKpiRoutes = {
  getCityKpis: kpiRoute({
    operationId: "getCityKpis",
    responseName: "CityKpis",
    path: "/api/v1/cities/{slug}/kpis",
    summary: "A city's published KPIs",
    description:
      "The KPIs the city published from its register (catalogue or custom indicator, unit, baseline, target, status against the path to the target) with every measurement, oldest first. Unpublished register entries never appear. CSV: one row per measurement.",
    pathParams: cityKpisParamsSchema,
    query: null,
    response: cityKpisSchema,
    run: (db, input, locale) => getPublicCityKpis(db, input.slug, locale),
    csv: { filename: (r) => `${r.city.slug}-kpis.csv`, serialize: cityKpisCsv },
  }),
  getIndicatorBenchmark: kpiRoute({
    operationId: "getIndicatorBenchmark",
    responseName: "IndicatorBenchmark",
    path: "/api/v1/kpis/{indicatorKey}/benchmark",
    summary: "Benchmark of one catalogue indicator",
    description:
      "Every city that published the catalogue indicator, with its latest published measurement, percentile rank, and the distribution (median, quartiles). For indicators that count things, also per 100 000 residents, over the cities that provided their population (the others are flagged, never estimated). Custom indicators take part only when the city mapped them to the catalogue key.",
    pathParams: indicatorBenchmarkParamsSchema,
    query: indicatorBenchmarkQuerySchema,
    response: indicatorBenchmarkSchema,
    run: (db, input, locale) => getIndicatorBenchmark(db, input, locale),
    csv: { filename: (r) => `kpi-benchmark-${r.indicator.key}.csv`, serialize: indicatorBenchmarkCsv },
  }),
} satisfies Record<string, AnyOpenDataRoute>;
