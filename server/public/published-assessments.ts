import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { cities } from "@/db/schema/identity";
import { DomainError } from "@/server/errors/domain-error";
import { afterTimeId, cursorPart, cursorTimestamp, defineCursor, timeIdCursor } from "@/server/pagination/cursor";
import { getFramework } from "@/server/scoring/framework-registry";
import type { CharacteristicKey, Criterion, Framework } from "@/server/scoring/framework-types";
import { compareProgress } from "@/server/scoring/progress";
import { levelsFromScore, type AssessmentScore } from "@/server/scoring/score-assessment";
import {
  ILLUSTRATIVE_NOTE,
  type AssessmentDetail,
  type AssessmentList,
  type AssessmentSummary,
  type CityDetail,
  type CityList,
  type Comparison,
  type PublicCity,
  assessmentListQuerySchema,
  cityListQuerySchema,
  compareQuerySchema,
} from "./public-schemas";
import { FrozenCache, frozenKey } from "./frozen-cache";
import { scoreAssessments } from "./scored-assessments";

/**
 * The public read side: everything an anonymous visitor or an open-data client may see. Only
 * assessments with status `published` ever leave this module; an unpublished (withdrawn) one is
 * mentioned on its city page by cycle and date only. Levels come from the scoring core, computed
 * from the stored criteria and ratings on every read, never from a stored copy.
 */

const isPublished = eq(assessments.status, "published");
// A published assessment always has its date; the guard keeps ISO dates in the output total.
export const isServable = and(isPublished, isNotNull(assessments.publishedAt))!;

// status and version identify a frozen published assessment, so its score can be reused (frozen-cache.ts).
const assessmentColumns = {
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
type AssessmentRow = {
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
type CityRow = typeof cities.$inferSelect;

/** published_at as exact text, for cursors. */
const publishedAtSortKey = cursorTimestamp(assessments.publishedAt);

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

function cityRef(city: Pick<CityRow, "slug" | "name" | "country" | "region">) {
  return { slug: city.slug, name: city.name, country: city.country, region: city.region };
}

function summaryOf(row: AssessmentRow, score: AssessmentScore): Omit<AssessmentSummary, "city"> {
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

// ---------------------------------------------------------------- cursors

/** Cities are paged by (name, id); assessments by (published_at as exact text, id). */
const cityCursor = defineCursor(z.tuple([cursorPart.text, cursorPart.uuid]));

// ---------------------------------------------------------------- cities

/**
 * Cities with their latest published assessment, by name. The level filter works on derived levels,
 * so it cannot run in SQL: cities are read in batches after the cursor until the page is full.
 */
export async function listPublicCities(db: DbOrTx, query: z.output<typeof cityListQuerySchema>): Promise<CityList> {
  const after = cityCursor.decode(query.cursor);
  const conditions: SQL[] = [];
  if (query.search) conditions.push(sql`${cities.name} ilike ${`%${query.search.replace(/[%_\\]/g, "\\$&")}%`}`);
  if (query.region) conditions.push(eq(cities.region, query.region));
  const batchSize = query.level ? Math.max(query.limit * 2, 50) : query.limit + 1;
  const found: { id: string; city: PublicCity }[] = [];
  let position: readonly [string, string] | null = after;
  for (;;) {
    const where = [...conditions];
    if (position) where.push(sql`(${cities.name}, ${cities.id}) > (${position[0]}, ${position[1]}::uuid)`);
    const rows = await db
      .select()
      .from(cities)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(cities.name), asc(cities.id))
      .limit(batchSize);
    const latestByCity = await latestAssessmentsOf(db, rows.map((r) => r.id));
    for (const city of rows) {
      const latest = latestByCity.get(city.id) ?? null;
      if (query.level && !hasLevel(latest?.levels, query.level, query.characteristic)) continue;
      found.push({
        id: city.id,
        city: { ...cityRef(city), population: city.population, isPilot: city.isPilot, latestAssessment: latest },
      });
      if (found.length > query.limit) break;
    }
    if (found.length > query.limit || rows.length < batchSize) break;
    const last = rows[rows.length - 1];
    position = [last.name, last.id];
  }
  const page = found.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((f) => f.city),
    nextCursor: found.length > query.limit ? cityCursor.encode([last.city.name, last.id]) : null,
  };
}

function hasLevel(
  levels: Record<CharacteristicKey, string> | undefined,
  level: string,
  characteristic: CharacteristicKey | undefined,
): boolean {
  if (!levels) return false;
  return characteristic ? levels[characteristic] === level : Object.values(levels).includes(level);
}

async function latestAssessmentsOf(db: DbOrTx, cityIds: string[]) {
  const byCity = new Map<string, Omit<AssessmentSummary, "city">>();
  if (cityIds.length === 0) return byCity;
  const rows = await db
    .selectDistinctOn([assessments.cityId], assessmentColumns)
    .from(assessments)
    .where(and(isServable, inArray(assessments.cityId, cityIds)))
    .orderBy(assessments.cityId, ...newestCycleFirst);
  const scores = await scoreAssessments(db, rows);
  for (const row of rows) {
    const score = scores.get(row.id);
    if (score) byCity.set(row.cityId, summaryOf(row, score));
  }
  return byCity;
}

// ---------------------------------------------------------------- assessments

/** Published assessments, newest first, with their levels; unpublished ones never match any filter. */
export async function listPublishedAssessments(
  db: DbOrTx,
  query: z.output<typeof assessmentListQuerySchema>,
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
  const scores = await scoreAssessments(db, page);
  const items: AssessmentSummary[] = [];
  for (const row of page) {
    const score = scores.get(row.id);
    if (score) items.push({ city: cityRef(row.city), ...summaryOf(row, score) });
  }
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit ? timeIdCursor.encode([last.sortKey, last.id]) : null,
  };
}

/** One published assessment with levels, criteria met, balance and roadmap; NOT_FOUND otherwise. */
export async function getPublishedAssessment(db: DbOrTx, id: string): Promise<AssessmentDetail> {
  const [row] = await db
    .select({ ...assessmentColumns, city: cities })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .where(and(isServable, eq(assessments.id, id)))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "No published assessment has this id.");
  const score = (await scoreAssessments(db, [row])).get(row.id);
  if (!score) throw new Error(`Published assessment ${row.id} cannot be scored`);
  return detailOf(row, row.city, score);
}

function detailOf(row: AssessmentRow, city: CityRow, score: AssessmentScore): AssessmentDetail {
  const framework = getFramework(row.frameworkKey, row.frameworkVersion)!;
  const { characteristicByKey, criterionByKey } = frameworkIndex(framework);
  return {
    city: cityRef(city),
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

const indexCache = new WeakMap<Framework, { characteristicByKey: Map<string, Framework["characteristics"][number]>; criterionByKey: Map<string, Criterion> }>();
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

// ---------------------------------------------------------------- city page

export type CityPage = CityDetail;
type CityProgress = NonNullable<CityDetail["progress"]>;

/** The accepted evidence of a published assessment never changes (frozen-cache.ts). */
const frozenEvidence = new FrozenCache<
  { id: string; title: string; kind: string; characteristicKey: string; criterionKeys: string[] | null; payload: unknown }[]
>(2_000);

/**
 * Everything the public city page shows, in five queries: the city, its published and withdrawn
 * assessments, their judgements and ratings (scored together), and the latest one's accepted
 * evidence; two once the published assessments' scores and evidence are cached (frozen-cache.ts).
 */
export async function getCityPage(db: DbOrTx, slug: string): Promise<CityPage> {
  const [city] = await db.select().from(cities).where(eq(cities.slug, slug)).limit(1);
  if (!city) throw new DomainError("NOT_FOUND", "No city has this address.");
  const rows = await db
    .select({ ...assessmentColumns, withdrawnAt: assessments.withdrawnAt, withdrawnReason: assessments.withdrawnReason })
    .from(assessments)
    .where(and(eq(assessments.cityId, city.id), or(isServable, isNotNull(assessments.withdrawnAt))))
    .orderBy(asc(assessments.createdAt), asc(assessments.id));
  const published = rows.filter((r) => r.status === "published" && r.publishedAt);
  const withdrawn = rows
    .filter((r) => r.status !== "published" && r.withdrawnAt)
    .map((r) => ({ cycle: r.cycle, withdrawnAt: r.withdrawnAt!.toISOString(), reason: r.withdrawnReason }));
  const scores = await scoreAssessments(db, published);
  const scored = published.filter((r) => scores.has(r.id));
  const latestRow = scored[scored.length - 1];
  const latestScore = latestRow ? scores.get(latestRow.id)! : undefined;
  const previousRow = scored[scored.length - 2];

  let progress: CityProgress | null = null;
  if (latestRow && previousRow) {
    const framework = getFramework(latestRow.frameworkKey, latestRow.frameworkVersion)!;
    const report = compareProgress(framework, scores.get(previousRow.id)!, latestScore!);
    if (report.ok) {
      progress = {
        fromCycle: previousRow.cycle,
        toCycle: latestRow.cycle,
        characteristics: report.value.characteristics.map((c) => ({
          key: c.key,
          before: c.before,
          after: c.after,
          change: c.change,
          newlyMet: c.newlyMet,
        })),
      };
    }
  }

  const latestKey = latestRow ? frozenKey(latestRow) : null;
  const cachedEvidence = frozenEvidence.get(latestKey);
  const acceptedEvidence = cachedEvidence ?? (latestRow
    ? await db
        .select({
          id: evidence.id,
          title: evidence.title,
          kind: evidence.kind,
          characteristicKey: evidence.characteristicKey,
          criterionKeys: evidenceRevisions.criterionKeys,
          payload: evidenceRevisions.payload,
        })
        .from(evidence)
        .leftJoin(
          evidenceRevisions,
          and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
        )
        .where(and(eq(evidence.assessmentId, latestRow.id), eq(evidence.status, "accepted")))
        .orderBy(asc(evidence.characteristicKey), asc(evidence.title))
        .limit(200)
    : []);
  if (!cachedEvidence) frozenEvidence.set(latestKey, acceptedEvidence);

  return {
    city: { ...cityRef(city), population: city.population, isPilot: city.isPilot },
    latestAssessment: latestRow ? detailOf(latestRow, city, latestScore!) : null,
    history: scored.map((r) => summaryOf(r, scores.get(r.id)!)),
    withdrawn,
    progress,
    evidence: acceptedEvidence.map((e) => ({
      id: e.id,
      title: e.title,
      kind: e.kind,
      characteristicKey: e.characteristicKey,
      criterionKeys: e.criterionKeys ?? [],
      url: publicUrlOf(e.kind, e.payload),
    })),
  };
}

/** Only a plain http(s) link of link evidence is shown; files are served by the evidence slice. */
function publicUrlOf(kind: string, payload: unknown): string | null {
  if (kind !== "link" || !payload || typeof payload !== "object") return null;
  const url = (payload as { url?: unknown }).url;
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

// ---------------------------------------------------------------- compare

/** The latest published assessment of each named city, in the order given; unknown slugs are NOT_FOUND. */
export async function compareCities(db: DbOrTx, query: z.output<typeof compareQuerySchema>): Promise<Comparison> {
  const slugs = [...new Set(query.city)];
  if (slugs.length === 0) return { cities: [] };
  const rows = await db.select().from(cities).where(inArray(cities.slug, slugs));
  const bySlug = new Map(rows.map((c) => [c.slug, c]));
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length > 0) {
    throw new DomainError("NOT_FOUND", `No city has the address ${missing.join(", ")}.`, {
      fieldErrors: { city: [`Unknown city: ${missing.join(", ")}`] },
    });
  }
  const latest = await latestAssessmentsOf(db, rows.map((c) => c.id));
  return {
    cities: slugs.map((slug) => {
      const city = bySlug.get(slug)!;
      return { city: cityRef(city), assessment: latest.get(city.id) ?? null };
    }),
  };
}
