import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { cities } from "@/db/schema/identity";
import type { Locale } from "@/i18n/locales";
import { assessmentColumns, cityRef, isServable } from "@/server/public/published-rows";
import { scorePublishedAssessments } from "@/server/public/published-score-cache";
import { loadAssessmentScore } from "@/server/review/live-assessment-score";
import { getFramework } from "@/server/scoring/framework-registry";
import { type AssessmentScore, levelsFromScore } from "@/server/scoring/score-assessment";
import { loadLeadershipDashboard, type WorkflowViewer } from "@/server/workflow/assessment-overview";
import type { CharacteristicKey, MaturityLevel } from "@/shared/domain-values";
import { GOOD_PRACTICE_PEERS_PER_STEP } from "./good-practice-schemas";
import { type LevelProfile, type PeerCandidate, rankPeers } from "./peer-matching";

/** Evidence listed per peer and step: enough to follow up, not the peer's whole file. */
const EVIDENCE_PER_PEER = 5;

type PublishedPeer = PeerCandidate & {
  slug: string;
  country: string;
  localizedName: string;
  localizedCountry: string;
  assessmentId: string;
  cycle: string;
  previousCycle: string | null;
  illustrative: boolean;
  score: AssessmentScore;
};

/**
 * The good-practice finder for one city: for each next step of its roadmap (the scoring core's, on
 * the city's current assessment, as the leadership dashboard shows it), the other cities whose
 * published assessments show they made that step, most similar profile first, with the accepted
 * evidence of their published assessment behind the criteria of the target rung they met.
 *
 * Reads only published data of other cities: their assessments with status `published` (scored by
 * the scoring core, cached while frozen) and the accepted evidence of those assessments.
 */
export async function findGoodPractice(
  db: DbOrTx,
  cityId: string,
  viewer: WorkflowViewer,
  options: { region?: string | null },
  locale: Locale = "en",
) {
  const dashboard = await loadLeadershipDashboard(db, cityId, viewer);
  const position = await cityPosition(db, dashboard);
  const ownLevels: LevelProfile = position?.levels ?? {};
  const steps = (position?.roadmap ?? []).filter((step): step is typeof step & { nextLevel: MaturityLevel } => step.nextLevel !== null);
  const peers = steps.length > 0 ? await publishedPeers(db, cityId, locale) : [];

  const ranked = steps.map((step) => ({
    step,
    matches: rankPeers(ownLevels, step, peers, { ownCityId: cityId, region: options.region, limit: GOOD_PRACTICE_PEERS_PER_STEP }),
  }));
  const evidenceByAssessment = await acceptedEvidenceOf(
    db,
    [...new Set(ranked.flatMap((r) => r.matches.map((m) => m.peer.assessmentId)))],
    [...new Set(ranked.filter((r) => r.matches.length > 0).map((r) => r.step.characteristicKey))],
  );

  return {
    city: dashboard.city,
    assessment: position?.assessment ?? null,
    region: options.region ?? null,
    steps: ranked.map(({ step, matches }) => ({
      characteristicKey: step.characteristicKey,
      currentLevel: step.currentLevel,
      nextLevel: step.nextLevel,
      status: step.status,
      lagging: step.lagging,
      peers: matches.map(({ peer, levelBefore, levelAfter, distance, similarity }) => {
        const criteriaMet = targetCriteriaMet(peer, step.characteristicKey, step.nextLevel);
        return {
          city: {
            id: peer.cityId,
            slug: peer.slug,
            name: peer.name,
            localizedName: peer.localizedName,
            country: peer.country,
            localizedCountry: peer.localizedCountry,
            region: peer.region,
          },
          cycle: peer.cycle,
          previousCycle: peer.previousCycle,
          illustrative: peer.illustrative,
          levelBefore,
          levelAfter,
          distance,
          similarity,
          criteriaMet,
          evidence: (evidenceByAssessment.get(peer.assessmentId) ?? [])
            .filter((e) => e.characteristicKey === step.characteristicKey && e.criterionKeys.some((k) => criteriaMet.includes(k)))
            .slice(0, EVIDENCE_PER_PEER)
            .map(({ id, title, kind, criterionKeys }) => ({
              id,
              title,
              kind,
              criterionKeys: criterionKeys.filter((k) => criteriaMet.includes(k)),
            })),
        };
      }),
    })),
  };
}
export type GoodPracticeFinder = Awaited<ReturnType<typeof findGoodPractice>>;

/**
 * Where the city stands: its current assessment (the open one, else the latest published, as on the
 * leadership dashboard). A just-opened draft in which nothing has been judged yet has no level at
 * all; the city's last known position is then its previous published cycle, so that one's
 * levels and roadmap are used.
 */
async function cityPosition(db: DbOrTx, dashboard: Awaited<ReturnType<typeof loadLeadershipDashboard>>) {
  const { current, previous } = dashboard;
  if (!current) return null;
  const hasLevel = (levels: LevelProfile | null) => Object.values(levels ?? {}).some((level) => level !== "not_assessed");
  if (hasLevel(current.levels) || !previous || !hasLevel(previous.levels)) {
    const { id, cycle, status } = current.assessment;
    return { assessment: { id, cycle, status }, levels: current.levels ?? {}, roadmap: current.roadmap };
  }
  const [row] = await db.select().from(assessments).where(eq(assessments.id, previous.id)).limit(1);
  const score = await loadAssessmentScore(db, row);
  if (!score.ok) return null;
  return {
    assessment: { id: row.id, cycle: row.cycle, status: row.status },
    levels: levelsFromScore(score.value),
    roadmap: score.value.roadmap,
  };
}

/**
 * Every other city with a published assessment: its latest and previous published cycles (cycles
 * in creation order, as the public pages count them), scored by the scoring core.
 */
async function publishedPeers(db: DbOrTx, ownCityId: string, locale: Locale): Promise<PublishedPeer[]> {
  const rows = await db
    .select({ ...assessmentColumns, city: cities })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .where(and(isServable, ne(assessments.cityId, ownCityId)))
    .orderBy(asc(assessments.cityId), desc(assessments.createdAt), desc(assessments.id));
  const byCity = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byCity.get(row.cityId) ?? [];
    if (list.length < 2) list.push(row);
    byCity.set(row.cityId, list);
  }
  const scores = await scorePublishedAssessments(db, [...byCity.values()].flat());
  const peers: PublishedPeer[] = [];
  for (const [latestRow, previousRow] of byCity.values()) {
    const score = scores.get(latestRow.id);
    if (!score) continue;
    const previousScore = previousRow ? scores.get(previousRow.id) : undefined;
    const ref = cityRef(latestRow.city, locale);
    peers.push({
      cityId: latestRow.cityId,
      name: ref.name,
      slug: ref.slug,
      country: ref.country,
      region: ref.region,
      localizedName: ref.localizedName,
      localizedCountry: ref.localizedCountry,
      latest: levelsFromScore(score),
      previous: previousScore ? levelsFromScore(previousScore) : null,
      assessmentId: latestRow.id,
      cycle: latestRow.cycle,
      previousCycle: previousScore ? previousRow.cycle : null,
      illustrative: latestRow.isIllustrative,
      score,
    });
  }
  return peers;
}

/** The criteria of the target rung the peer met, in framework order. */
function targetCriteriaMet(peer: PublishedPeer, characteristicKey: CharacteristicKey, level: MaturityLevel): string[] {
  const framework = getFramework(peer.score.frameworkKey, peer.score.frameworkVersion);
  const rung = new Set(
    framework?.characteristics
      .find((c) => c.key === characteristicKey)
      ?.criteria.filter((c) => c.level === level)
      .map((c) => c.key) ?? [],
  );
  const met = peer.score.characteristics.find((c) => c.key === characteristicKey)?.criteriaMet ?? [];
  return met.filter((key) => rung.has(key));
}

/** Accepted evidence (current revision's criteria) of the given published assessments, for some characteristics. */
async function acceptedEvidenceOf(db: DbOrTx, assessmentIds: string[], characteristicKeys: CharacteristicKey[]) {
  const byAssessment = new Map<string, { id: string; title: string; kind: string; characteristicKey: string; criterionKeys: string[] }[]>();
  if (assessmentIds.length === 0 || characteristicKeys.length === 0) return byAssessment;
  const rows = await db
    .select({
      id: evidence.id,
      assessmentId: evidence.assessmentId,
      title: evidence.title,
      kind: evidence.kind,
      characteristicKey: evidence.characteristicKey,
      criterionKeys: evidenceRevisions.criterionKeys,
    })
    .from(evidence)
    .innerJoin(assessments, and(eq(assessments.id, evidence.assessmentId), isServable))
    .innerJoin(
      evidenceRevisions,
      and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
    )
    .where(
      and(
        inArray(evidence.assessmentId, assessmentIds),
        inArray(evidence.characteristicKey, characteristicKeys),
        eq(evidence.status, "accepted"),
      ),
    )
    .orderBy(asc(evidence.title), asc(evidence.id));
  for (const { assessmentId, ...row } of rows) {
    const list = byAssessment.get(assessmentId) ?? [];
    list.push({ ...row, criterionKeys: row.criterionKeys ?? [] });
    byAssessment.set(assessmentId, list);
  }
  return byAssessment;
}
