import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import type { cities } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { cursorTimestamp } from "@/server/pagination/cursor";
import { type AssessmentScore, levelsFromScore } from "@/server/scoring/score-assessment";
import { localizedCityNames } from "./city-names";
import { type AssessmentSummary, ILLUSTRATIVE_NOTE } from "./public-schemas";
import { scorePublishedAssessments } from "./published-score-cache";

/**
 * The public read side: everything an anonymous visitor or an open-data client may see. Only
 * assessments with status `published` ever leave this module; an unpublished (withdrawn) one is
 * mentioned on its city page by cycle and date only. Levels come from the scoring core, computed
 * from the stored criteria and ratings on every read, never from a stored copy.
 *
 * This module holds what the public reads share: which rows are servable, the columns read, and how
 * a row becomes a summary. The reads themselves: public-cities.ts, published-assessments.ts,
 * public-city-page.ts, public-compare.ts.
 */

const isPublished = eq(assessments.status, "published");
// A published assessment always has its date; the guard keeps ISO dates in the output total.
export const isServable = and(isPublished, isNotNull(assessments.publishedAt))!;

// status and version identify a frozen published assessment, so its score can be reused (frozen-cache.ts).
export const assessmentColumns = {
  id: assessments.id,
  cityId: assessments.cityId,
  cycle: assessments.cycle,
  frameworkKey: assessments.frameworkKey,
  frameworkVersion: assessments.frameworkVersion,
  publishedAt: assessments.publishedAt,
  lastRepublishedAt: assessments.lastRepublishedAt,
  isIllustrative: assessments.isIllustrative,
  status: assessments.status,
  version: assessments.version,
};
export type AssessmentRow = {
  id: string;
  cityId: string;
  cycle: string;
  frameworkKey: string;
  frameworkVersion: string;
  publishedAt: Date | null;
  lastRepublishedAt: Date | null;
  isIllustrative: boolean;
  status: string;
  version: number;
};
export type CityRow = typeof cities.$inferSelect;

/** published_at as exact text, for cursors. */
export const publishedAtSortKey = cursorTimestamp(assessments.publishedAt);

/**
 * A city has one open assessment at a time, so cycles are opened in order: the latest cycle is the
 * one created last (publication dates can reorder when an old cycle is withdrawn and republished).
 */
const newestCycleFirst = [desc(assessments.createdAt), desc(assessments.id)];

/** Ids of each city's latest published assessment, as a subquery. */
export function latestPublishedIds(db: DbOrTx) {
  return db
    .selectDistinctOn([assessments.cityId], { id: assessments.id })
    .from(assessments)
    .where(isServable)
    .orderBy(assessments.cityId, ...newestCycleFirst);
}

/** `name` and `country` stay the stored (English) names; the localized pair is for the reader's language. */
export function cityRef(city: Pick<CityRow, "slug" | "name" | "country" | "region">, locale: Locale = "en") {
  return { slug: city.slug, name: city.name, country: city.country, region: city.region, ...localizedCityNames(city, locale) };
}

export function summaryOf(row: AssessmentRow, score: AssessmentScore): Omit<AssessmentSummary, "city"> {
  return {
    id: row.id,
    cycle: row.cycle,
    frameworkKey: row.frameworkKey,
    frameworkVersion: row.frameworkVersion,
    publishedAt: row.publishedAt!.toISOString(),
    republishedAt: row.lastRepublishedAt?.toISOString() ?? null,
    illustrative: row.isIllustrative,
    note: row.isIllustrative ? ILLUSTRATIVE_NOTE : null,
    levels: levelsFromScore(score),
  };
}

/** The latest published assessment of each city, summarised with its levels (cities without one are absent). */
export async function latestAssessmentsOf(db: DbOrTx, cityIds: string[]) {
  const byCity = new Map<string, Omit<AssessmentSummary, "city">>();
  if (cityIds.length === 0) return byCity;
  const rows = await db
    .selectDistinctOn([assessments.cityId], assessmentColumns)
    .from(assessments)
    .where(and(isServable, inArray(assessments.cityId, cityIds)))
    .orderBy(assessments.cityId, ...newestCycleFirst);
  const scores = await scorePublishedAssessments(db, rows);
  for (const row of rows) {
    const score = scores.get(row.id);
    if (score) byCity.set(row.cityId, summaryOf(row, score));
  }
  return byCity;
}
