import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { DomainError } from "@/server/errors/domain-error";
import { afterTimeId, timeIdCursor } from "@/server/pagination/cursor";
import { getFramework } from "@/server/scoring/framework-registry";
import type { Criterion, Framework } from "@/server/scoring/framework-types";
import type { AssessmentScore } from "@/server/scoring/score-assessment";
import type { AssessmentDetail, AssessmentList, AssessmentSummary, assessmentListQuerySchema } from "./public-schemas";
import {
  type AssessmentRow,
  assessmentColumns,
  type CityRow,
  cityRef,
  isServable,
  latestPublishedIds,
  publishedAtSortKey,
  summaryOf,
} from "./published-rows";
import { scorePublishedAssessments } from "./published-score-cache";

/** Published assessments, newest first, with their levels; unpublished ones never match any filter. */
export async function listPublishedAssessments(
  db: DbOrTx,
  query: z.output<typeof assessmentListQuerySchema>,
  locale: Locale = "en",
): Promise<AssessmentList> {
  const after = timeIdCursor.decode(query.cursor);
  const conditions: SQL[] = [isServable];
  if (query.city?.length) conditions.push(inArray(cities.slug, query.city));
  if (query.region) conditions.push(eq(cities.region, query.region));
  if (query.cycle) conditions.push(eq(assessments.cycle, query.cycle));
  if (query.frameworkVersion) conditions.push(eq(assessments.frameworkVersion, query.frameworkVersion));
  if (query.latest) conditions.push(inArray(assessments.id, latestPublishedIds(db)));
  // Compared in the database at full (microsecond) precision: a JS Date would round it.
  if (after) conditions.push(afterTimeId(assessments.publishedAt, assessments.id, after, "desc"));
  const rows = await db
    .select({ ...assessmentColumns, city: cities, sortKey: publishedAtSortKey })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .where(and(...conditions))
    .orderBy(desc(assessments.publishedAt), desc(assessments.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const scores = await scorePublishedAssessments(db, page);
  const items: AssessmentSummary[] = [];
  for (const row of page) {
    const score = scores.get(row.id);
    if (score) items.push({ city: cityRef(row.city, locale), ...summaryOf(row, score) });
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit ? timeIdCursor.encode([last.sortKey, last.id]) : null,
  };
}

/** One published assessment with levels, criteria met, balance and roadmap; NOT_FOUND otherwise. */
export async function getPublishedAssessment(db: DbOrTx, id: string, locale: Locale = "en"): Promise<AssessmentDetail> {
  const [row] = await db
    .select({ ...assessmentColumns, city: cities })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .where(and(isServable, eq(assessments.id, id)))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "No published assessment has this id.");
  const score = (await scorePublishedAssessments(db, [row])).get(row.id);
  if (!score) throw new Error(`Published assessment ${row.id} cannot be scored`);
  return detailOf(row, row.city, score, locale);
}

/** A published assessment in full: levels, criteria met, balance and roadmap with criterion texts. */
export function detailOf(row: AssessmentRow, city: CityRow, score: AssessmentScore, locale: Locale = "en"): AssessmentDetail {
  const framework = getFramework(row.frameworkKey, row.frameworkVersion)!;
  const { characteristicByKey, criterionByKey } = frameworkIndex(framework);
  return {
    city: cityRef(city, locale),
    ...summaryOf(row, score),
    characteristics: score.characteristics.map((c) => ({
      key: c.key,
      name: { ...characteristicByKey.get(c.key)!.name },
      rateable: c.rateable,
      level: c.finalLevel,
      derivedLevel: c.derivedLevel,
      ratedLevel: c.ratedLevel,
      source: c.finalSource,
      justification: c.justification,
      criteriaMet: c.criteriaMet,
      aheadOfStaircase: c.aheadOfStaircase,
      criteriaCount: c.criteriaCount,
    })),
    balance: { median: score.balance.median, spread: score.balance.spread, flags: score.balance.flags },
    roadmap: score.roadmap.map((step) => ({
      characteristicKey: step.characteristicKey,
      currentLevel: step.currentLevel,
      nextLevel: step.nextLevel,
      status: step.status,
      lagging: step.lagging,
      unmetCriteria: step.unmetCriteria.map((key) => {
        const criterion = criterionByKey.get(key)!;
        return { key, level: criterion.level, text: { ...criterion.text } };
      }),
    })),
  };
}

const indexCache = new WeakMap<
  Framework,
  { characteristicByKey: Map<string, Framework["characteristics"][number]>; criterionByKey: Map<string, Criterion> }
>();
function frameworkIndex(framework: Framework) {
  let index = indexCache.get(framework);
  if (!index) {
    index = {
      characteristicByKey: new Map(framework.characteristics.map((c) => [c.key, c])),
      criterionByKey: new Map(framework.characteristics.flatMap((c) => c.criteria.map((k) => [k.key, k] as const))),
    };
    indexCache.set(framework, index);
  }
  return index;
}
