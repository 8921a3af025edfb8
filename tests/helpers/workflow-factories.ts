import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { AssessmentStatus, EvidenceStatus } from "@/server/workflow/assessment-lifecycle";

/** The forward path; fixtures walk it with plain updates, which the lifecycle trigger allows. */
const FORWARD: AssessmentStatus[] = ["draft", "in_review", "rated", "approved", "published"];

export type AssessmentFixtureOptions = {
  cityId: string;
  status?: AssessmentStatus;
  /** Evidence rows to create, by status (authored by `authorId`). Default: one accepted. */
  evidence?: Partial<Record<EvidenceStatus, number>>;
  authorId: string;
  /** Rate every rateable characteristic "basic" with a justification (default true). */
  rated?: boolean;
  /** Judge the first criteria of each characteristic "met" (for carry-over tests). */
  judged?: boolean;
  cycle?: string;
};

/**
 * An assessment of `cityId` in the given status whose preconditions for the next step hold
 * (accepted evidence, every rateable characteristic rated). The city may have one open assessment.
 */
export async function makeAssessmentAt(db: Db, options: AssessmentFixtureOptions) {
  const framework = currentFramework();
  const [created] = await db
    .insert(assessments)
    .values({
      cityId: options.cityId,
      cycle: options.cycle ?? `cycle-${randomUUID().slice(0, 8)}`,
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
    })
    .returning();
  const evidenceCounts = options.evidence ?? { accepted: 1 };
  for (const [status, n] of Object.entries(evidenceCounts) as [EvidenceStatus, number][]) {
    for (let i = 0; i < n; i++) {
      await db.insert(evidence).values({
        cityId: options.cityId,
        assessmentId: created.id,
        characteristicKey: "funding",
        kind: "narrative",
        status,
        authorId: options.authorId,
        authorRole: "department",
        title: `Evidence ${status} ${i + 1}`,
      });
    }
  }
  if (options.rated ?? true) {
    const rateable = framework.characteristics.filter((c) => c.rateable);
    await db.insert(characteristicRatings).values(
      rateable.map((c) => ({
        cityId: options.cityId,
        assessmentId: created.id,
        characteristicKey: c.key,
        level: "basic" as const,
        justification: "Seen in the accepted evidence.",
      })),
    );
  }
  if (options.judged) {
    await db.insert(criterionJudgements).values(
      framework.characteristics
        .filter((c) => c.rateable)
        .map((c) => ({
          cityId: options.cityId,
          assessmentId: created.id,
          characteristicKey: c.key,
          criterionKey: c.criteria[0].key,
          judgement: "met" as const,
          note: "From the first cycle",
        })),
    );
  }
  const target = options.status ?? "draft";
  for (const status of FORWARD.slice(1, FORWARD.indexOf(target) + 1)) {
    await db
      .update(assessments)
      .set({
        status,
        approvalRound: sql`${assessments.approvalRound} + 1`,
        ...(status === "published" ? { publishedAt: new Date() } : {}),
      })
      .where(eq(assessments.id, created.id));
  }
  const [row] = await db.select().from(assessments).where(eq(assessments.id, created.id));
  return row;
}

export async function statusOf(db: Db, assessmentId: string) {
  const [row] = await db.select({ status: assessments.status }).from(assessments).where(eq(assessments.id, assessmentId));
  return row?.status;
}
