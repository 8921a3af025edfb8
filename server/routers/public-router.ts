import { getBenchmark } from "@/server/public/public-benchmark";
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
import {
  compareCities,
  getCityPage,
  getPublishedAssessment,
  listPublicCities,
  listPublishedAssessments,
} from "@/server/public/published-assessments";
import { publicProcedure, router } from "@/server/trpc/init";

/**
 * The public read side for pages (no sign-in). The REST routes under /api/v1 call the same domain
 * functions with the same schemas; only published assessments are ever returned.
 */
export const publicRouter = router({
  cities: publicProcedure
    .input(cityListQuerySchema.prefault({}))
    .output(cityListSchema)
    .query(({ ctx, input }) => listPublicCities(ctx.db, input)),
  city: publicProcedure
    .input(citySlugParamsSchema)
    .output(cityDetailSchema)
    .query(({ ctx, input }) => getCityPage(ctx.db, input.slug)),
  assessments: publicProcedure
    .input(assessmentListQuerySchema.prefault({}))
    .output(assessmentListSchema)
    .query(({ ctx, input }) => listPublishedAssessments(ctx.db, input)),
  assessment: publicProcedure
    .input(assessmentIdParamsSchema)
    .output(assessmentDetailSchema)
    .query(({ ctx, input }) => getPublishedAssessment(ctx.db, input.id)),
  benchmark: publicProcedure
    .input(benchmarkQuerySchema.prefault({}))
    .output(benchmarkSchema)
    .query(({ ctx, input }) => getBenchmark(ctx.db, input)),
  compare: publicProcedure
    .input(compareQuerySchema)
    .output(compareSchema)
    .query(({ ctx, input }) => compareCities(ctx.db, input)),
});
