import { getBenchmark } from "@/server/public/public-benchmark";
import { listPublicCities } from "@/server/public/public-cities";
import { getCityPage } from "@/server/public/public-city-page";
import { compareCities } from "@/server/public/public-compare";
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
  compareQuerySchema,
  compareSchema,
} from "@/server/public/public-schemas";
import { getPublishedAssessment, listPublishedAssessments } from "@/server/public/published-assessments";
import { router } from "@/server/trpc/init";
import { publicRateLimitedProcedure } from "@/server/trpc/procedures";

/**
 * The public read side for pages (no sign-in). The REST routes under /api/v1 call the same domain
 * functions with the same schemas; only published assessments are ever returned. Every call counts
 * against the same per-address limit as the REST API.
 */
export const publicRouter = router({
  cities: publicRateLimitedProcedure
    .input(cityListQuerySchema.prefault({}))
    .output(cityListSchema)
    .query(({ ctx, input }) => listPublicCities(ctx.db, input, ctx.locale)),
  city: publicRateLimitedProcedure
    .input(citySlugParamsSchema)
    .output(cityDetailSchema)
    .query(({ ctx, input }) => getCityPage(ctx.db, input.slug, ctx.locale)),
  assessments: publicRateLimitedProcedure
    .input(assessmentListQuerySchema.prefault({}))
    .output(assessmentListSchema)
    .query(({ ctx, input }) => listPublishedAssessments(ctx.db, input, ctx.locale)),
  assessment: publicRateLimitedProcedure
    .input(assessmentIdParamsSchema)
    .output(assessmentDetailSchema)
    .query(({ ctx, input }) => getPublishedAssessment(ctx.db, input.id, ctx.locale)),
  benchmark: publicRateLimitedProcedure
    .input(benchmarkQuerySchema.prefault({}))
    .output(benchmarkSchema)
    .query(({ ctx, input }) => getBenchmark(ctx.db, input)),
  compare: publicRateLimitedProcedure
    .input(compareQuerySchema)
    .output(compareSchema)
    .query(({ ctx, input }) => compareCities(ctx.db, input, ctx.locale)),
});
