import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import { cohortBenchmark } from "@/server/scoring/cohort-benchmark";
import { currentFramework } from "@/server/scoring/framework-registry";
import { levelsFromScore } from "@/server/scoring/score-assessment";
import { FIGURE3_COLUMNS } from "@/shared/domain-values";
import { type Benchmark, type benchmarkQuerySchema, ILLUSTRATIVE_NOTE } from "./public-schemas";
import { isServable, latestPublishedIds } from "./published-rows";
import { scorePublishedAssessments } from "./published-score-cache";

/**
 * The region comparison of the white paper's Figure 3, live: every published assessment in scope is
 * scored by the scoring core and the cohort benchmark counts the levels per region. Scope: one cycle
 * when asked, otherwise each city's latest published assessment. Four queries whatever the size.
 */
export async function getBenchmark(db: DbOrTx, query: z.output<typeof benchmarkQuerySchema>): Promise<Benchmark> {
  const framework = currentFramework();
  const regions = [...new Set(query.region ?? [])];
  const conditions = [isServable];
  if (query.cycle) {
    conditions.push(eq(assessments.cycle, query.cycle));
  } else {
    conditions.push(inArray(assessments.id, latestPublishedIds(db)));
  }
  if (regions.length > 0) conditions.push(inArray(cities.region, regions));

  const [rows, cycleRows] = await Promise.all([
    db
      .select({
        id: assessments.id,
        frameworkKey: assessments.frameworkKey,
        frameworkVersion: assessments.frameworkVersion,
        isIllustrative: assessments.isIllustrative,
        region: cities.region,
        // Identify frozen published assessments, whose scores are reused (frozen-cache.ts).
        status: assessments.status,
        version: assessments.version,
        publishedAt: assessments.publishedAt,
      })
      .from(assessments)
      .innerJoin(cities, eq(cities.id, assessments.cityId))
      .where(and(...conditions)),
    db.selectDistinct({ cycle: assessments.cycle }).from(assessments).where(isServable).orderBy(desc(assessments.cycle)),
  ]);
  const scores = await scorePublishedAssessments(db, rows);
  const scored = rows.filter((r) => scores.has(r.id));
  // Editions may differ between cities; characteristics are compared by key, which editions keep.
  const cohort = cohortBenchmark(
    framework,
    scored.map((r) => ({ group: r.region, levels: levelsFromScore(scores.get(r.id)!) })),
  );
  const illustrativeCount = scored.filter((r) => r.isIllustrative).length;
  return {
    frameworkKey: cohort.frameworkKey,
    frameworkVersion: cohort.frameworkVersion,
    cycle: query.cycle ?? null,
    regions,
    levels: [...FIGURE3_COLUMNS],
    assessmentCount: scored.length,
    illustrativeCount,
    note: illustrativeCount > 0 ? ILLUSTRATIVE_NOTE : null,
    cycles: cycleRows.map((r) => r.cycle),
    groups: cohort.groups.map((g) => ({
      group: g.group,
      cityCount: g.cityCount,
      rows: g.rows.map((r) => ({ characteristicKey: r.characteristicKey, rateable: r.rateable, counts: r.counts, shares: r.shares })),
    })),
  };
}
