import { and, asc, desc, eq, lt, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { evidence, evidenceRevisions } from "@/db/schema/evidence";
import { cities } from "@/db/schema/identity";
import { consultations } from "@/db/schema/participation";
import type { Locale } from "@/i18n/locales";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { type ChainVerification, chainKeyFor, verifyAuditChain } from "@/server/audit/audit-trail";
import { summariseConsultationFeedback } from "@/server/consultations/feedback-summary";
import { DomainError } from "@/server/errors/domain-error";
import { localizedCityNames } from "@/server/public/city-names";
import { assessmentColumns, isServable } from "@/server/public/published-rows";
import { scorePublishedAssessments } from "@/server/public/published-score-cache";
import { loadAssessmentScore } from "@/server/review/live-assessment-score";
import type { Framework } from "@/server/scoring/framework-types";
import { compareProgress, type ProgressReport } from "@/server/scoring/progress";
import type { AssessmentScore } from "@/server/scoring/score-assessment";
import { listRoundApprovals } from "@/server/workflow/transition-assessment";

type AssessmentRow = typeof assessments.$inferSelect;

/** Accepted evidence listed per characteristic; a report is not an evidence archive. */
const MAX_EVIDENCE = 400;

/** The newest event of the assessment's audit chain: every write appends one, so it versions the report. */
export async function chainHeadOf(db: DbOrTx, assessmentId: string): Promise<{ id: number; hash: string } | null> {
  const [head] = await db
    .select({ id: auditEvents.id, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, chainKeyFor({ assessmentId })))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return head ?? null;
}

export type AssessmentReportData = {
  assessment: AssessmentRow;
  city: { name: string; slug: string };
  framework: Framework;
  score: AssessmentScore;
  evidence: { title: string; kind: string; characteristicKey: string; criterionKeys: string[] }[];
  earlierCycles: { cycle: string; publishedAt: Date; score: AssessmentScore }[];
  /** Against the newest earlier cycle of the same edition; null when none compares. */
  progress: { fromCycle: string; report: ProgressReport } | null;
  consultations: {
    question: string;
    closesAt: Date;
    perCharacteristic: { characteristicKey: string; count: number; ratedCount: number; averageRating: number | null }[];
  }[];
  approvals: { required: number; dates: Date[] };
  audit: { verification: ChainVerification; head: { id: number; hash: string } | null };
};

/**
 * Everything the PDF shows, read through the existing loaders: the live score by the scoring core
 * (published or not), earlier published cycles scored by the public read side, the consultation's
 * summary figures (never suggestion texts or who wrote them), the approvals of the current round
 * (dates only) and the audit chain verified end to end.
 */
export async function loadAssessmentReportData(db: DbOrTx, assessment: AssessmentRow, locale: Locale): Promise<AssessmentReportData> {
  const [city] = await db.select().from(cities).where(eq(cities.id, assessment.cityId)).limit(1);
  if (!city) throw new DomainError("NOT_FOUND", "Not found.");
  const framework = frameworkOf(assessment);
  const [scored, evidenceRows, earlierRows, consultationRows, approvals, verification, head] = await Promise.all([
    loadAssessmentScore(db, assessment),
    db
      .select({
        title: evidence.title,
        kind: evidence.kind,
        characteristicKey: evidence.characteristicKey,
        criterionKeys: evidenceRevisions.criterionKeys,
      })
      .from(evidence)
      .leftJoin(
        evidenceRevisions,
        and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
      )
      .where(and(eq(evidence.assessmentId, assessment.id), eq(evidence.status, "accepted")))
      .orderBy(asc(evidence.characteristicKey), asc(evidence.title))
      .limit(MAX_EVIDENCE),
    db
      .select(assessmentColumns)
      .from(assessments)
      .where(
        and(
          isServable,
          eq(assessments.cityId, assessment.cityId),
          ne(assessments.id, assessment.id),
          lt(assessments.createdAt, assessment.createdAt),
        ),
      )
      .orderBy(asc(assessments.createdAt), asc(assessments.id)),
    db.select().from(consultations).where(eq(consultations.assessmentId, assessment.id)).orderBy(asc(consultations.createdAt)),
    listRoundApprovals(db, assessment.id, assessment.approvalRound),
    verifyAuditChain(db, chainKeyFor({ assessmentId: assessment.id })),
    chainHeadOf(db, assessment.id),
  ]);
  if (!scored.ok) throw new DomainError("CONFLICT", "This assessment cannot be scored yet, so no report can be made.");
  const score = scored.value;

  const earlierScores = await scorePublishedAssessments(db, earlierRows);
  const earlierCycles = earlierRows
    .filter((r) => earlierScores.has(r.id))
    .map((r) => ({ cycle: r.cycle, publishedAt: r.publishedAt!, score: earlierScores.get(r.id)! }));
  const previous = earlierCycles[earlierCycles.length - 1];
  const compared = previous ? compareProgress(framework, previous.score, score) : null;

  const consultationSummaries = await Promise.all(
    consultationRows.map(async (c) => ({
      question: c.question,
      closesAt: c.closesAt,
      perCharacteristic: (await summariseConsultationFeedback(db as Db, c)).map((s) => ({
        characteristicKey: s.characteristicKey,
        count: s.count,
        ratedCount: s.ratedCount,
        averageRating: s.averageRating,
      })),
    })),
  );

  return {
    assessment,
    city: { name: localizedCityNames(city, locale).localizedName, slug: city.slug },
    framework,
    score,
    evidence: evidenceRows.map((e) => ({ ...e, criterionKeys: e.criterionKeys ?? [] })),
    earlierCycles,
    progress: compared?.ok && previous ? { fromCycle: previous.cycle, report: compared.value } : null,
    consultations: consultationSummaries,
    approvals: { required: Math.max(1, city.approvalsRequired), dates: approvals.map((a) => a.createdAt) },
    audit: { verification, head },
  };
}
