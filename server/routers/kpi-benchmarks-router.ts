import { cityPopulationSchema, setCityPopulation } from "@/server/kpis/public-kpi-population";
import { getIndicatorBenchmark, getPublicCityKpis } from "@/server/public/public-kpi-data";
import {
  cityKpisParamsSchema,
  cityKpisSchema,
  indicatorBenchmarkParamsSchema,
  indicatorBenchmarkQuerySchema,
  indicatorBenchmarkSchema,
} from "@/server/public/public-kpi-schemas";
import { kpiCriterionKeys, kpiRegisterSummary } from "@/server/review/kpi-register-summary";
import { getFramework } from "@/server/scoring/framework-registry";
import { router } from "@/server/trpc/init";
import { assessmentProcedure, cityProcedure, publicRateLimitedProcedure } from "@/server/trpc/procedures";

/**
 * Issue #16, the public and comparative side of the KPI register: a city's published KPIs and the
 * cross-city benchmark of a catalogue indicator (same functions and schemas as /api/v1), the
 * register summary the expert sees beside the strategy's KPI criteria, and the city's population.
 */
export const kpiBenchmarksRouter = router({
  cityKpis: publicRateLimitedProcedure
    .input(cityKpisParamsSchema)
    .output(cityKpisSchema)
    .query(({ ctx, input }) => getPublicCityKpis(ctx.db, input.slug, ctx.locale)),
  indicator: publicRateLimitedProcedure
    .input(indicatorBenchmarkParamsSchema.extend(indicatorBenchmarkQuerySchema.shape))
    .output(indicatorBenchmarkSchema)
    .query(({ ctx, input }) => getIndicatorBenchmark(ctx.db, input, ctx.locale)),
  registerSummary: assessmentProcedure("assessment:read").query(async ({ ctx }) => {
    const framework = getFramework(ctx.assessment.frameworkKey, ctx.assessment.frameworkVersion);
    return {
      criterionKeys: framework ? kpiCriterionKeys(framework) : [],
      summary: await kpiRegisterSummary(ctx.db, ctx.assessment.cityId),
    };
  }),
  setPopulation: cityProcedure("city:set_population")
    .input(cityPopulationSchema)
    .mutation(({ ctx, input }) => setCityPopulation(ctx.db, ctx.actor, ctx.cityId, input.population)),
});
