import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Locale } from "@/i18n/locales";
import { publishedCheckpointsSchema } from "@/server/audit/audit-schemas";
import { assessmentDetailCsv, assessmentsCsv, benchmarkCsv, citiesCsv, cityHistoryCsv } from "./open-data-csv";
import { auditCheckpointsCsv, getCityAuditCheckpoints } from "./public-audit-checkpoints";
import { getBenchmark } from "./public-benchmark";
import { listPublicCities } from "./public-cities";
import { getCityPage } from "./public-city-page";
import { publicKpiRoutes } from "./public-kpi-routes";
import {
  assessmentDetailSchema,
  assessmentIdParamsSchema,
  assessmentListQuerySchema,
  assessmentListSchema,
  benchmarkQuerySchema,
  benchmarkSchema,
  cityDetailSchema,
  cityListQuerySchema,
  cityListSchema,
  citySlugParamsSchema,
} from "./public-schemas";
import { getPublishedAssessment, listPublishedAssessments } from "./published-assessments";

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * One read-only route of the open data API: its schemas (which validate the request, shape the
 * response and generate the OpenAPI document), the shared domain function it calls, and its CSV.
 */
export type OpenDataRoute<P extends ObjectSchema, Q extends ObjectSchema, R> = {
  operationId: string;
  /** OpenAPI path template, e.g. /api/v1/cities/{slug}. */
  path: string;
  summary: string;
  description: string;
  pathParams: P | null;
  query: Q | null;
  response: z.ZodType<R>;
  /** Name of the response schema in the OpenAPI components. */
  responseName: string;
  /** `locale`: the `?lang=` of the request (city and country names); English by default. */
  run: (db: DbOrTx, input: z.output<P> & z.output<Q>, locale: Locale) => Promise<R>;
  csv: { filename: (result: R) => string; serialize: (result: R) => string };
};

// biome-ignore lint/suspicious/noExplicitAny: any route, whatever its schemas (run's parameter makes OpenDataRoute invariant in P and Q)
export type AnyOpenDataRoute = OpenDataRoute<any, any, any>;

function defineRoute<P extends ObjectSchema, Q extends ObjectSchema, R>(route: OpenDataRoute<P, Q, R>) {
  return route;
}

export const openDataRoutes = {
  listCities: defineRoute({
    operationId: "listCities",
    responseName: "CityList",
    path: "/api/v1/cities",
    summary: "Cities",
    description:
      "Every city with its region, country and latest published assessment (levels per characteristic). Filter by name, region and level; cursor-paginated by name.",
    pathParams: null,
    query: cityListQuerySchema,
    response: cityListSchema,
    run: (db, input, locale) => listPublicCities(db, input, locale),
    csv: { filename: () => "cities.csv", serialize: citiesCsv },
  }),
  getCity: defineRoute({
    operationId: "getCity",
    responseName: "CityDetail",
    path: "/api/v1/cities/{slug}",
    summary: "One city",
    description:
      "A city's latest published assessment in full (levels, criteria met, roadmap, balance), its published cycles over time, cycles that were withdrawn, and accepted evidence. CSV: the published cycles (the progress chart's data).",
    pathParams: citySlugParamsSchema,
    query: null,
    response: cityDetailSchema,
    run: (db, input, locale) => getCityPage(db, input.slug, locale),
    csv: { filename: (r) => `${r.city.slug}-cycles.csv`, serialize: cityHistoryCsv },
  }),
  listAssessments: defineRoute({
    operationId: "listAssessments",
    responseName: "AssessmentList",
    path: "/api/v1/assessments",
    summary: "Published assessments",
    description:
      "Published assessments, newest first, with the final level of each characteristic. Unpublished assessments never appear, whatever the filters.",
    pathParams: null,
    query: assessmentListQuerySchema,
    response: assessmentListSchema,
    run: (db, input, locale) => listPublishedAssessments(db, input, locale),
    csv: { filename: () => "assessments.csv", serialize: assessmentsCsv },
  }),
  getAssessment: defineRoute({
    operationId: "getAssessment",
    responseName: "AssessmentDetail",
    path: "/api/v1/assessments/{id}",
    summary: "One published assessment",
    description:
      "Levels (derived from the criteria and, where given, the expert rating), the criteria met, the balance check and the roadmap of next steps. 404 unless published.",
    pathParams: assessmentIdParamsSchema,
    query: null,
    response: assessmentDetailSchema,
    run: (db, input, locale) => getPublishedAssessment(db, input.id, locale),
    csv: { filename: (r) => `${r.city.slug}-${r.cycle}.csv`, serialize: assessmentDetailCsv },
  }),
  getBenchmark: defineRoute({
    operationId: "getBenchmark",
    responseName: "Benchmark",
    path: "/api/v1/benchmark",
    summary: "Region benchmark",
    description:
      "For each characteristic, how many cities of each region are at each level, and their share: Figure 3 of the white paper, computed live by the scoring core from published assessments.",
    pathParams: null,
    query: benchmarkQuerySchema,
    response: benchmarkSchema,
    run: (db, input) => getBenchmark(db, input),
    csv: { filename: (r) => `benchmark${r.cycle ? `-${r.cycle}` : ""}.csv`, serialize: benchmarkCsv },
  }),
  getCityAuditCheckpoints: defineRoute({
    operationId: "getCityAuditCheckpoints",
    responseName: "AuditCheckpoints",
    path: "/api/v1/cities/{slug}/audit-checkpoints",
    summary: "A city's signed audit checkpoints",
    description:
      "Ed25519-signed checkpoints of the city's audit hash chains (taken at every publication and at least daily), with the public keys. Save the answer now and then; `npm run audit:verify -- --checkpoints <file>` later shows any event rewritten or removed since. See docs/security.md.",
    pathParams: citySlugParamsSchema,
    query: null,
    response: publishedCheckpointsSchema,
    run: (db, input) => getCityAuditCheckpoints(db, input.slug),
    csv: { filename: (r) => `${r.citySlug}-audit-checkpoints.csv`, serialize: auditCheckpointsCsv },
  }),
  ...publicKpiRoutes,
} satisfies Record<string, AnyOpenDataRoute>;

export const OPENAPI_PATH = "/api/v1/openapi.json";
