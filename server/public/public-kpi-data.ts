import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cities } from "@/db/schema/identity";
import { kpiMeasurements, kpis } from "@/db/schema/kpis";
import type { Locale } from "@/i18n/locales";
import { DomainError } from "@/server/errors/domain-error";
import { type CatalogueIndicator, findIndicator, INDICATOR_CATALOGUE } from "@/server/kpis/indicator-catalogue";
import { buildIndicatorBenchmark } from "@/server/kpis/kpi-benchmark";
import type { CityKpis, IndicatorBenchmarkResult, PublicKpi } from "./public-kpi-schemas";
import { cityRef } from "./published-rows";

/**
 * The public side of the KPI register (issue #16). Only entries the city published (`is_public`,
 * not archived) are read, whoever asks: the pages, `kpiBenchmarks.*` and /api/v1 share these
 * functions, so an unpublished entry cannot leak through one door and not another.
 */

const published = and(eq(kpis.isPublic, true), isNull(kpis.archivedAt));

type KpiRow = typeof kpis.$inferSelect;

function nameOf(row: KpiRow, indicator: CatalogueIndicator | undefined, locale: Locale): { name: string; definition: string | null } {
  if (indicator) return { name: indicator.name[locale], definition: indicator.definition[locale] };
  return { name: row.customName?.[locale] || row.customName?.en || row.unit, definition: row.customDefinition?.[locale] ?? null };
}

/** A city's published KPIs with every measurement (oldest first). Three statements whatever the size. */
export async function getPublicCityKpis(db: DbOrTx, slug: string, locale: Locale = "en"): Promise<CityKpis> {
  const [city] = await db.select().from(cities).where(eq(cities.slug, slug)).limit(1);
  if (!city) throw new DomainError("NOT_FOUND", "No city has this address.");
  const rows = await db
    .select()
    .from(kpis)
    .where(and(eq(kpis.cityId, city.id), published))
    .orderBy(asc(kpis.indicatorKey), asc(kpis.createdAt), asc(kpis.id));
  const measurements = rows.length
    ? await db
        .select({ kpiId: kpiMeasurements.kpiId, measuredOn: kpiMeasurements.measuredOn, value: kpiMeasurements.value })
        .from(kpiMeasurements)
        .where(
          and(
            eq(kpiMeasurements.cityId, city.id),
            inArray(
              kpiMeasurements.kpiId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(kpiMeasurements.measuredOn))
    : [];
  const byKpi = new Map<string, { measuredOn: string; value: number }[]>();
  for (const { kpiId, measuredOn, value } of measurements) {
    const series = byKpi.get(kpiId);
    if (series) series.push({ measuredOn, value });
    else byKpi.set(kpiId, [{ measuredOn, value }]);
  }
  return {
    city: { ...cityRef(city, locale), population: city.population },
    kpis: rows.map((row): PublicKpi => {
      const indicator = row.indicatorKey ? findIndicator(row.indicatorKey) : undefined;
      const series = byKpi.get(row.id) ?? [];
      const last = series.at(-1);
      return {
        id: row.id,
        indicatorKey: row.indicatorKey,
        catalogueVersion: row.catalogueVersion,
        isCustom: row.isCustom,
        ...nameOf(row, indicator, locale),
        unit: row.unit,
        unitFamily: row.unitFamily,
        direction: row.direction,
        baseline: { value: row.baselineValue, year: row.baselineYear },
        target: { value: row.targetValue, year: row.targetYear },
        status: row.status,
        characteristicKeys: row.characteristicKeys,
        latest: last ? { value: last.value, measuredOn: last.measuredOn } : null,
        measurements: series,
      };
    }),
  };
}

/** Looks an indicator up in the catalogue; tests pass their own (a catalogue with a count indicator). */
export type IndicatorLookup = (key: string) => CatalogueIndicator | undefined;

/**
 * The benchmark of one catalogue indicator across the cities that published it: each city's latest
 * published measurement (one per city: its entry measured last), the distribution and percentiles,
 * and per 100 000 residents for counts where the city entered its population. Entries without the
 * catalogue key (custom indicators not mapped to one) never take part; neither do entries kept in
 * another unit than the catalogue's (they would not be comparable).
 */
export async function getIndicatorBenchmark(
  db: DbOrTx,
  input: { indicatorKey: string; city?: string },
  locale: Locale = "en",
  lookup: IndicatorLookup = findIndicator,
): Promise<IndicatorBenchmarkResult> {
  const indicator = lookup(input.indicatorKey);
  if (!indicator) throw new DomainError("NOT_FOUND", "No catalogue indicator has this key.");
  const entries = await db
    .select({ kpi: kpis, city: cities })
    .from(kpis)
    .innerJoin(cities, eq(cities.id, kpis.cityId))
    .where(and(eq(kpis.indicatorKey, indicator.key), eq(kpis.unit, indicator.unit), published));
  const latestOf = new Map<string, { measuredOn: string; value: number }>();
  if (entries.length) {
    const measured = await db
      .select({ kpiId: kpiMeasurements.kpiId, measuredOn: kpiMeasurements.measuredOn, value: kpiMeasurements.value })
      .from(kpiMeasurements)
      .where(
        inArray(
          kpiMeasurements.kpiId,
          entries.map((e) => e.kpi.id),
        ),
      )
      .orderBy(asc(kpiMeasurements.measuredOn));
    for (const m of measured) latestOf.set(m.kpiId, { measuredOn: m.measuredOn, value: m.value });
  }
  // One value per city: a city with two published entries of the key counts with the one measured last.
  const perCity = new Map<string, { city: typeof cities.$inferSelect; measuredOn: string; value: number }>();
  for (const { kpi, city } of entries) {
    const latest = latestOf.get(kpi.id);
    if (!latest) continue;
    const current = perCity.get(city.id);
    if (!current || latest.measuredOn > current.measuredOn) perCity.set(city.id, { city, ...latest });
  }
  const benchmark = buildIndicatorBenchmark(
    [...perCity.values()].map((e) => ({
      city: e.city,
      cityId: e.city.id,
      value: e.value,
      measuredOn: e.measuredOn,
      population: e.city.population,
    })),
    indicator.unitFamily,
  );
  const rows = benchmark.rows.map((r) => ({
    ...cityRef(r.city, locale),
    value: r.value,
    measuredOn: r.measuredOn,
    population: r.population,
    perCapitaValue: r.perCapitaValue,
    populationMissing: r.populationMissing,
    percentile: r.percentile,
    highlighted: r.city.slug === input.city,
  }));
  const highlighted = rows.find((r) => r.highlighted);
  return {
    indicator: {
      key: indicator.key,
      name: indicator.name[locale],
      definition: indicator.definition[locale],
      unit: indicator.unit,
      unitFamily: indicator.unitFamily,
      direction: indicator.direction,
      standard: indicator.standard,
      clause: indicator.clause,
      catalogueVersion: INDICATOR_CATALOGUE.version,
    },
    distribution: benchmark.distribution,
    perCapita: benchmark.perCapita,
    cities: rows,
    highlighted: highlighted ? { slug: highlighted.slug, value: highlighted.value, percentile: highlighted.percentile } : null,
  };
}
