import { and, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import { cohortBenchmark } from "@/server/scoring/cohort-benchmark";
import { currentFramework } from "@/server/scoring/framework-registry";
import { levelsFromScore } from "@/server/scoring/score-assessment";
import { FIGURE3_COLUMNS, type LevelOrNotAssessed, type REGIONS } from "@/shared/domain-values";
import { printedFigure3Row, printedInconsistencyNote } from "./figure3-printed";
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
  const illustrativeRegions = new Set(scored.filter((r) => r.isIllustrative).map((r) => r.region));
  const groups = cohort.groups.map((g) => ({
    group: g.group,
    cityCount: g.cityCount,
    rows: g.rows.map((r) => {
      // The paper's print is only relevant where the figures include the reference dataset.
      const fromPaper = illustrativeRegions.has(g.group as (typeof REGIONS)[number]);
      return {
        characteristicKey: r.characteristicKey,
        rateable: r.rateable,
        // A characteristic without criteria is counted not_assessed by the scoring core (never
        // scored); it is reported as its own status, not as "100 % not assessed".
        status: r.rateable ? ("assessed" as const) : ("no_maturity_criteria" as const),
        counts: r.rateable ? r.counts : zeroCounts(),
        shares: r.rateable ? r.shares : zeroCounts(),
        printed: fromPaper ? printedFigure3Row(g.group, r.characteristicKey) : null,
        note: fromPaper ? printedInconsistencyNote(g.group, r.characteristicKey) : null,
      };
    }),
  }));
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
    groups,
    figure3: sideBySide(groups),
  };
}

type BenchmarkGroup = Benchmark["groups"][number];

function zeroCounts(): Record<LevelOrNotAssessed, number> {
  return Object.fromEntries(FIGURE3_COLUMNS.map((level) => [level, 0])) as Record<LevelOrNotAssessed, number>;
}

/** Figure 3's layout: one row per characteristic with the EU and China cells side by side. */
function sideBySide(groups: BenchmarkGroup[]): Benchmark["figure3"] {
  const eu = groups.find((g) => g.group === "EU");
  const china = groups.find((g) => g.group === "China");
  if (!eu || !china) return null;
  return {
    regions: ["EU", "China"],
    levels: [...FIGURE3_COLUMNS],
    rows: eu.rows.map((euRow) => {
      const chinaRow = china.rows.find((r) => r.characteristicKey === euRow.characteristicKey)!;
      const cell = (group: BenchmarkGroup, row: BenchmarkGroup["rows"][number]) => ({
        cityCount: group.cityCount,
        counts: row.counts,
        shares: row.shares,
        printed: row.printed,
        note: row.note,
      });
      return {
        characteristicKey: euRow.characteristicKey,
        status: euRow.status,
        regions: { EU: cell(eu, euRow), China: cell(china, chinaRow) },
      };
    }),
  };
}
