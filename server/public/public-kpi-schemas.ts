import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { KPI_DIRECTIONS, KPI_STATUSES, KPI_UNIT_FAMILIES } from "@/shared/kpi-values";
import { citySlugParamsSchema, publicCityRefSchema } from "./public-schemas";

/**
 * The public read model of the KPI register (issue #16): a city's published KPIs with their
 * measurements, and the cross-city benchmark of one catalogue indicator. Shared by the pages, the
 * `kpiBenchmarks.*` procedures, the REST routes and the OpenAPI document. Only register entries the
 * city marked public (and did not archive) ever appear. A public contract: add fields, never rename.
 */

const isoDate = z.iso.date().describe("ISO 8601 date (a year's value is dated 31 December).");

export const indicatorKeySchema = text()
  .trim()
  .min(1, { message: "Give an indicator key." })
  .max(120, { message: "An indicator key has at most 120 characters." })
  .regex(/^[a-z0-9_]+\.[a-z0-9_]+$/, { message: "An indicator key looks like theme.indicator (e.g. economy.unemployment_rate)." })
  .describe("A key of the indicator catalogue, e.g. economy.unemployment_rate.");

export const cityKpisParamsSchema = citySlugParamsSchema;
export const indicatorBenchmarkParamsSchema = z.object({ indicatorKey: indicatorKeySchema });
export const indicatorBenchmarkQuerySchema = z.object({
  city: citySlugParamsSchema.shape.slug
    .optional()
    .describe("A city to highlight (its percentile); ignored when it has not published the indicator."),
});

const publicKpiSchema = z.object({
  id: z.uuid(),
  indicatorKey: z.string().nullable().describe("The catalogue key; null for a custom indicator."),
  catalogueVersion: z.string().nullable(),
  isCustom: z.boolean(),
  name: z.string().describe("In the requested language."),
  definition: z.string().nullable(),
  unit: z.string(),
  unitFamily: z.enum(KPI_UNIT_FAMILIES),
  direction: z.enum(KPI_DIRECTIONS),
  baseline: z.object({ value: z.number(), year: z.number().int() }),
  target: z.object({ value: z.number(), year: z.number().int() }),
  status: z.enum(KPI_STATUSES).describe("Against the straight path from baseline to target (no_data: no measurement yet)."),
  characteristicKeys: z.array(z.string()).describe("The framework characteristics the KPI informs."),
  latest: z.object({ value: z.number(), measuredOn: isoDate }).nullable(),
  measurements: z.array(z.object({ measuredOn: isoDate, value: z.number() })).describe("Oldest first."),
});
export type PublicKpi = z.infer<typeof publicKpiSchema>;

export const cityKpisSchema = z.object({
  city: publicCityRefSchema.extend({ population: z.number().int().nullable().describe("As entered by the city; null when not provided.") }),
  kpis: z.array(publicKpiSchema),
});
export type CityKpis = z.infer<typeof cityKpisSchema>;

const distributionSchema = z
  .object({
    count: z.number().int(),
    min: z.number(),
    q1: z.number(),
    median: z.number(),
    q3: z.number(),
    max: z.number(),
  })
  .nullable()
  .describe("Quartiles by linear interpolation; null when no city qualifies.");

export const indicatorBenchmarkSchema = z.object({
  indicator: z.object({
    key: z.string(),
    name: z.string(),
    definition: z.string(),
    unit: z.string(),
    unitFamily: z.enum(KPI_UNIT_FAMILIES),
    direction: z.enum(KPI_DIRECTIONS),
    standard: z.string(),
    clause: z.string(),
    catalogueVersion: z.string(),
  }),
  distribution: distributionSchema,
  perCapita: z
    .object({
      base: z.number().int().describe("Residents per value (100 000)."),
      distribution: distributionSchema,
      excludedForMissingPopulation: z.number().int().describe("Cities left out because they have not provided their population."),
    })
    .nullable()
    .describe("Only for indicators that count things; null otherwise."),
  cities: z
    .array(
      publicCityRefSchema.extend({
        value: z.number().describe("The latest published measurement, in the indicator's unit."),
        measuredOn: isoDate,
        population: z.number().int().nullable(),
        perCapitaValue: z.number().nullable(),
        populationMissing: z.boolean().describe("True when the indicator is a count and the city has not provided its population."),
        percentile: z.number().describe("Percentile rank among the cities (values below plus half the ties), 0–100."),
        highlighted: z.boolean(),
      }),
    )
    .describe("Cities that published the indicator, by value ascending."),
  highlighted: z.object({ slug: z.string(), value: z.number(), percentile: z.number() }).nullable(),
});
export type IndicatorBenchmarkResult = z.infer<typeof indicatorBenchmarkSchema>;
