import { z } from "zod";
import { authorizeInCity } from "@/server/auth/authorize";
import type { Action } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import {
  addMeasurement,
  archiveKpi,
  createKpi,
  csvTargets,
  deleteMeasurement,
  findKpi,
  importKpiCsv,
  kpiDetail,
  kpiOwnerCandidates,
  linkableKpis,
  listCityKpis,
  updateKpi,
} from "@/server/kpis/kpi-register";
import {
  addMeasurementSchema,
  archiveKpiSchema,
  createKpiSchema,
  deleteMeasurementSchema,
  importCsvSchema,
  updateKpiSchema,
} from "@/server/kpis/kpi-schemas";
import { claimedSessionProcedure, idSchema, router } from "@/server/trpc/init";
import { assessmentProcedure, cityProcedure } from "@/server/trpc/procedures";

/** Procedures whose input names a KPI: loads it and authorises in its city. */
function kpiProcedure(action: Action) {
  return claimedSessionProcedure.input(z.object({ kpiId: idSchema })).use(async ({ ctx, input, next }) => {
    const kpi = await findKpi(ctx.db, input.kpiId).catch(() => null);
    // A missing KPI and a KPI of a city the caller cannot see look the same.
    const actor = await authorizeInCity(ctx.db, ctx.userId, kpi?.cityId ?? input.kpiId, action, ctx.sessionCheck);
    if (!kpi) throw new DomainError("NOT_FOUND", "KPI not found.");
    return next({ ctx: { ...ctx, actor, kpi } });
  });
}

/** The KPI register (issue #16): leadership and departments define KPIs and record measurements. */
export const kpisRouter = router({
  list: cityProcedure("kpi:read").query(async ({ ctx }) => ({ items: await listCityKpis(ctx.db, ctx.cityId) })),
  get: kpiProcedure("kpi:read").query(({ ctx }) => kpiDetail(ctx.db, ctx.kpi)),
  /** For the KPI evidence form: the register entries of the assessment's city. */
  linkable: assessmentProcedure("kpi:read").query(({ ctx }) => linkableKpis(ctx.db, ctx.assessment.cityId)),
  owners: cityProcedure("kpi:write").query(({ ctx }) => kpiOwnerCandidates(ctx.db, ctx.cityId)),
  create: cityProcedure("kpi:write")
    .input(createKpiSchema)
    .mutation(({ ctx, input }) => createKpi(ctx.db, ctx.actor, ctx.cityId, input.kpi)),
  update: kpiProcedure("kpi:write")
    .input(updateKpiSchema)
    .mutation(({ ctx, input }) => updateKpi(ctx.db, ctx.actor, ctx.kpi, input.version, input.kpi)),
  archive: kpiProcedure("kpi:write")
    .input(archiveKpiSchema)
    .mutation(({ ctx, input }) => archiveKpi(ctx.db, ctx.actor, ctx.kpi, input.version)),
  addMeasurement: kpiProcedure("kpi:measure")
    .input(addMeasurementSchema)
    .mutation(({ ctx, input }) => addMeasurement(ctx.db, ctx.actor, ctx.kpi, input)),
  deleteMeasurement: kpiProcedure("kpi:measure")
    .input(deleteMeasurementSchema)
    .mutation(({ ctx, input }) => deleteMeasurement(ctx.db, ctx.actor, ctx.kpi, input.measurementId)),
  /** What the import page validates against before uploading (the server checks again). */
  csvTargets: cityProcedure("kpi:measure").query(async ({ ctx }) => {
    const targets = await csvTargets(ctx.db, ctx.actor, ctx.cityId);
    return [...targets].map(([reference, target]) => ({ reference, ...target }));
  }),
  importCsv: cityProcedure("kpi:measure")
    .input(importCsvSchema)
    .mutation(({ ctx, input }) => importKpiCsv(ctx.db, ctx.actor, ctx.cityId, input)),
});
