import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { slugifyCityName } from "@/server/cities/city-slug";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { Framework } from "@/server/scoring/framework-types";
import { levelValue } from "@/server/scoring/levels";
import { scoreAssessment } from "@/server/scoring/score-assessment";
import { type CharacteristicKey, FIGURE3_COLUMNS, type Judgement, type LevelOrNotAssessed } from "@/shared/domain-values";
import figure3 from "./data/figure3.json";
import pilotCities from "./data/pilot-cities.json";

/**
 * The reference dataset: the 25 pilot cities the 2014 white paper assessed (15 Chinese, 10 EU), with
 * published assessments whose levels reproduce Figure 3's regional counts exactly.
 *
 * The paper publishes only the regional distribution, so which city gets which level is an
 * illustrative, deterministic assignment: in each region the cities keep one ranking (the paper's
 * list order) and, per characteristic, the higher levels go to the higher-ranked cities. That keeps
 * every illustrative city's profile plausible (no city at the top of one characteristic and the
 * bottom of the next). The `not_assessed` slots rotate from one characteristic to the next so they
 * do not all fall on the same cities. Every assessment is marked `isIllustrative`.
 *
 * The levels are not stored: for each assigned level we store criterion judgements from which the
 * scoring core derives that level (all criteria up to it met, the next level's not met), so the
 * public benchmark is computed from judgements like any other assessment.
 */

export const REFERENCE_CYCLE = "2013";
export const REFERENCE_PUBLISHED_AT = new Date("2014-03-01T00:00:00.000Z");
const NOT_ASSESSED_JUSTIFICATION = "Not assessed in the 2013 study (illustrative reference data reproducing Figure 3 of the white paper).";

type Region = "EU" | "China";
type Figure3Row = { characteristic: string; region: string; counts: Partial<Record<LevelOrNotAssessed, number>> };

export type ReferenceCity = { name: string; slug: string; country: string; region: Region };
export type ReferenceAssignment = ReferenceCity & { levels: Partial<Record<CharacteristicKey, LevelOrNotAssessed>> };

/** The assessed pilot cities, in the paper's order within each region. */
export function referenceCities(): ReferenceCity[] {
  return pilotCities.cities
    .filter((c) => c.assessed)
    .map((c) => ({ name: c.name, slug: slugifyCityName(c.name), country: c.country, region: c.region as Region }));
}

/** Figure 3's counts, as {region: {characteristic: {level: count}}}. */
export function figure3Counts(): Record<Region, Partial<Record<CharacteristicKey, Partial<Record<LevelOrNotAssessed, number>>>>> {
  const out: Record<Region, Partial<Record<CharacteristicKey, Partial<Record<LevelOrNotAssessed, number>>>>> = { EU: {}, China: {} };
  for (const row of figure3.rows as Figure3Row[]) {
    out[row.region as Region][row.characteristic as CharacteristicKey] = row.counts;
  }
  return out;
}

/** Deterministic level per (city, characteristic) whose regional counts equal Figure 3's. */
export function assignReferenceLevels(framework: Framework = currentFramework()): ReferenceAssignment[] {
  const counts = figure3Counts();
  const assignments = referenceCities().map((city): ReferenceAssignment => ({ ...city, levels: {} }));
  for (const region of ["China", "EU"] as const) {
    const ranked = assignments.filter((a) => a.region === region);
    const n = ranked.length;
    framework.characteristics.forEach((characteristic, characteristicIndex) => {
      const regionCounts = counts[region][characteristic.key];
      if (!regionCounts) return; // legal & regulatory: no criteria, not in Figure 3, reported unrated
      const total = FIGURE3_COLUMNS.reduce((sum, level) => sum + (regionCounts[level] ?? 0), 0);
      if (total !== n) throw new Error(`Figure 3 ${region}/${characteristic.key} counts ${total} cities, not ${n}`);
      const notAssessed = regionCounts.not_assessed ?? 0;
      const skipped = new Set<number>();
      for (let i = 0; i < notAssessed; i++) skipped.add(n - 1 - ((characteristicIndex + i) % n));
      // Highest level first, handed out down the ranking.
      const levels = FIGURE3_COLUMNS.filter((l) => l !== "not_assessed")
        .toSorted((a, b) => levelValue(b)! - levelValue(a)!)
        .flatMap((level) => Array<LevelOrNotAssessed>(regionCounts[level] ?? 0).fill(level));
      let next = 0;
      ranked.forEach((city, position) => {
        city.levels[characteristic.key] = skipped.has(position) ? "not_assessed" : levels[next++];
      });
    });
  }
  return assignments;
}

type JudgementRow = { characteristicKey: CharacteristicKey; criterionKey: string; judgement: Judgement };

/**
 * Judgements from which the staircase rule derives `level`: every criterion up to the level met,
 * every criterion of the next level not met. Not yet addressed: Basic not met. Not assessed: none.
 */
export function judgementsForLevel(framework: Framework, characteristicKey: CharacteristicKey, level: LevelOrNotAssessed): JudgementRow[] {
  const value = levelValue(level);
  if (value === null) return [];
  const characteristic = framework.characteristics.find((c) => c.key === characteristicKey);
  if (!characteristic) throw new Error(`Unknown characteristic ${characteristicKey}`);
  const rows: JudgementRow[] = [];
  for (const criterion of characteristic.criteria) {
    const criterionValue = levelValue(criterion.level)!;
    if (criterionValue <= value) rows.push({ characteristicKey, criterionKey: criterion.key, judgement: "met" });
    else if (criterionValue === value + 1) rows.push({ characteristicKey, criterionKey: criterion.key, judgement: "not_met" });
  }
  return rows;
}

export type ReferenceSeedReport = {
  inserted: number;
  /** Cities that already have a 2013 assessment. */
  skipped: number;
  /** Reference cities not in the database (run seedPilotCities first). */
  missingCities: string[];
  /** Cities with an unpublished assessment open: the reference one cannot be added beside it. */
  blockedCities: string[];
};

/**
 * Loads the reference assessments, idempotently: a city that already has a 2013 assessment is
 * skipped. Needs the pilot cities (seedPilotCities). One transaction, batched inserts.
 */
export async function seedReferenceAssessments(db: Db): Promise<ReferenceSeedReport> {
  const framework = currentFramework();
  const plan = assignReferenceLevels(framework).map((city) => {
    const judgements = (Object.entries(city.levels) as [CharacteristicKey, LevelOrNotAssessed][]).flatMap(([key, level]) =>
      judgementsForLevel(framework, key, level),
    );
    const ratings = (Object.entries(city.levels) as [CharacteristicKey, LevelOrNotAssessed][])
      .filter(([, level]) => level === "not_assessed")
      .map(([characteristicKey]) => ({ characteristicKey, level: "not_assessed" as const, justification: NOT_ASSESSED_JUSTIFICATION }));
    assertDerives(framework, city, judgements, ratings);
    return { city, judgements, ratings };
  });

  return db.transaction(async (tx) => {
    const cityRows = await tx
      .select({ id: cities.id, slug: cities.slug })
      .from(cities)
      .where(
        inArray(
          cities.slug,
          plan.map((p) => p.city.slug),
        ),
      );
    const cityIdBySlug = new Map(cityRows.map((c) => [c.slug, c.id]));
    const missingCities = plan.filter((p) => !cityIdBySlug.has(p.city.slug)).map((p) => p.city.slug);
    const existing = await tx
      .select({ cityId: assessments.cityId })
      .from(assessments)
      .where(and(eq(assessments.cycle, REFERENCE_CYCLE), inArray(assessments.cityId, [...cityIdBySlug.values()])));
    const seeded = new Set(existing.map((e) => e.cityId));
    // The rows are written before the assessment is published (a published assessment is frozen
    // by a trigger), and a city may have only one unpublished assessment at a time: a city that
    // already has one open cannot take the reference assessment and is reported as blocked.
    const open = await tx
      .select({ cityId: assessments.cityId })
      .from(assessments)
      .where(and(ne(assessments.status, "published"), inArray(assessments.cityId, [...cityIdBySlug.values()])));
    const blocked = new Set(open.map((o) => o.cityId));
    const candidates = plan.filter((p) => cityIdBySlug.has(p.city.slug) && !seeded.has(cityIdBySlug.get(p.city.slug)!));
    const todo = candidates.filter((p) => !blocked.has(cityIdBySlug.get(p.city.slug)!));
    const blockedCities = candidates.filter((p) => blocked.has(cityIdBySlug.get(p.city.slug)!)).map((p) => p.city.slug);
    const report = { skipped: seeded.size, missingCities, blockedCities };
    if (todo.length === 0) return { inserted: 0, ...report };

    const inserted = await tx
      .insert(assessments)
      .values(
        todo.map((p) => ({
          cityId: cityIdBySlug.get(p.city.slug)!,
          cycle: REFERENCE_CYCLE,
          frameworkKey: framework.key,
          frameworkVersion: framework.version,
          status: "approved" as const,
          isIllustrative: true,
          publishedAt: REFERENCE_PUBLISHED_AT,
          createdAt: REFERENCE_PUBLISHED_AT,
          updatedAt: REFERENCE_PUBLISHED_AT,
        })),
      )
      .returning({ id: assessments.id, cityId: assessments.cityId });
    const assessmentIdByCity = new Map(inserted.map((a) => [a.cityId, a.id]));

    const judgementRows = todo.flatMap((p) => {
      const cityId = cityIdBySlug.get(p.city.slug)!;
      const assessmentId = assessmentIdByCity.get(cityId)!;
      return p.judgements.map((j) => ({ ...j, cityId, assessmentId, updatedAt: REFERENCE_PUBLISHED_AT }));
    });
    for (let i = 0; i < judgementRows.length; i += 500) {
      await tx.insert(criterionJudgements).values(judgementRows.slice(i, i + 500));
    }
    const ratingRows = todo.flatMap((p) => {
      const cityId = cityIdBySlug.get(p.city.slug)!;
      const assessmentId = assessmentIdByCity.get(cityId)!;
      return p.ratings.map((r) => ({ ...r, cityId, assessmentId, updatedAt: REFERENCE_PUBLISHED_AT }));
    });
    if (ratingRows.length > 0) await tx.insert(characteristicRatings).values(ratingRows);

    await tx
      .update(assessments)
      .set({ status: "published" })
      .where(
        inArray(
          assessments.id,
          inserted.map((a) => a.id),
        ),
      );

    for (const p of todo) {
      const cityId = cityIdBySlug.get(p.city.slug)!;
      await recordAuditEvent(tx, {
        actorId: null,
        actorRole: "system",
        action: "assessment.seed_reference",
        entityType: "assessment",
        entityId: assessmentIdByCity.get(cityId)!,
        cityId,
        assessmentId: assessmentIdByCity.get(cityId)!,
        after: { cycle: REFERENCE_CYCLE, status: "published", illustrative: true, levels: p.city.levels },
        reason: "Reference dataset (Figure 3 of the 2014 white paper); per-city levels are illustrative.",
      });
    }
    return { inserted: todo.length, ...report };
  });
}

/** The data must make the scoring core derive the assigned level; fail loudly if the framework moved. */
function assertDerives(
  framework: Framework,
  city: ReferenceAssignment,
  judgements: JudgementRow[],
  ratings: { characteristicKey: string; level: LevelOrNotAssessed; justification: string }[],
) {
  const result = scoreAssessment(framework, { frameworkKey: framework.key, frameworkVersion: framework.version, judgements, ratings });
  if (!result.ok) throw new Error(`Reference data for ${city.slug} does not score: ${JSON.stringify(result.errors)}`);
  for (const characteristic of result.value.characteristics) {
    const expected = city.levels[characteristic.key] ?? "not_assessed";
    if (characteristic.finalLevel !== expected) {
      throw new Error(`Reference data for ${city.slug}: ${characteristic.key} scores ${characteristic.finalLevel}, not ${expected}`);
    }
  }
}

/** Demo seed hook: the reference dataset is part of the demo data (first hook: later ones add drafts). */
export async function seedReferenceDemoData(db: Db): Promise<void> {
  await seedReferenceAssessments(db);
}
