import { and, asc, eq, isNotNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { DomainError } from "@/server/errors/domain-error";
import { getFramework } from "@/server/scoring/framework-registry";
import { compareProgress } from "@/server/scoring/progress";
import { FrozenCache, frozenKey } from "./frozen-cache";
import type { CityDetail } from "./public-schemas";
import { detailOf } from "./published-assessments";
import { loadPublishedEvidence, type PublishedEvidence, publicEvidenceOf } from "./published-evidence";
import { assessmentColumns, cityRef, isServable, summaryOf } from "./published-rows";
import { scorePublishedAssessments } from "./published-score-cache";

export type CityPage = CityDetail;
type CityProgress = NonNullable<CityDetail["progress"]>;

/** The accepted evidence of a published assessment and the expert's links to it never change (frozen-cache.ts). */
const frozenEvidence = new FrozenCache<PublishedEvidence>({ maxEntries: 2_000, maxBytes: 64 * 1024 * 1024 });

/**
 * Everything the public city page shows, in five queries: the city, its published and withdrawn
 * assessments, their judgements and ratings (scored together), and the latest one's accepted
 * evidence with the expert's criterion links (published-evidence.ts); two once the published
 * assessments' scores and evidence are cached (frozen-cache.ts).
 */
export async function getCityPage(db: DbOrTx, slug: string, locale: Locale = "en"): Promise<CityPage> {
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
  const scores = await scorePublishedAssessments(db, published);
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
  const latestEvidence = cachedEvidence ?? (latestRow ? await loadPublishedEvidence(db, latestRow.id) : { items: [], links: [] });
  if (!cachedEvidence) frozenEvidence.set(latestKey, latestEvidence);

  return {
    city: { ...cityRef(city, locale), population: city.population, isPilot: city.isPilot },
    latestAssessment: latestRow ? detailOf(latestRow, city, latestScore!, locale) : null,
    history: scored.map((r) => summaryOf(r, scores.get(r.id)!)),
    withdrawn,
    progress,
    evidence: latestEvidence.items.map(publicEvidenceOf),
    criterionEvidence: latestEvidence.links,
  };
}
