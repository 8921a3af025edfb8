import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments, characteristicRatings, criterionJudgements } from "@/db/schema/assessments";
import { judgementsForLevel } from "@/db/seed/reference-assessments";
import { currentFramework } from "@/server/scoring/framework-registry";
import type { CharacteristicKey } from "@/server/scoring/framework-types";
import type { LevelOrNotAssessed } from "@/server/scoring/levels";

export type LevelsInput = Partial<Record<CharacteristicKey, LevelOrNotAssessed>>;
type Status = "draft" | "in_review" | "rated" | "approved" | "published";
const FORWARD: Status[] = ["draft", "in_review", "rated", "approved", "published"];

/**
 * An assessment whose judgements make the scoring core derive `levels` (unlisted characteristics:
 * not judged, so not_assessed), walked forward to `status` with plain updates, as the lifecycle
 * trigger allows. Rows are written before publication because a published assessment is frozen.
 */
export async function makeAssessmentWithLevels(
  db: Db,
  options: { cityId: string; levels: LevelsInput; status?: Status; cycle?: string; createdAt?: Date; publishedAt?: Date; illustrative?: boolean },
) {
  const framework = currentFramework();
  const [created] = await db
    .insert(assessments)
    .values({
      cityId: options.cityId,
      cycle: options.cycle ?? `cycle-${randomUUID().slice(0, 8)}`,
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      isIllustrative: options.illustrative ?? false,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    })
    .returning();
  const judgements = (Object.entries(options.levels) as [CharacteristicKey, LevelOrNotAssessed][]).flatMap(([key, level]) =>
    judgementsForLevel(framework, key, level).map((j) => ({ ...j, cityId: options.cityId, assessmentId: created.id })),
  );
  if (judgements.length) await db.insert(criterionJudgements).values(judgements);
  const notAssessed = (Object.entries(options.levels) as [CharacteristicKey, LevelOrNotAssessed][]).filter(([, l]) => l === "not_assessed");
  if (notAssessed.length) {
    await db.insert(characteristicRatings).values(
      notAssessed.map(([characteristicKey]) => ({
        cityId: options.cityId,
        assessmentId: created.id,
        characteristicKey,
        level: "not_assessed" as const,
        justification: "Not assessed this cycle.",
      })),
    );
  }
  const target = options.status ?? "published";
  for (const status of FORWARD.slice(1, FORWARD.indexOf(target) + 1)) {
    await db
      .update(assessments)
      .set({ status, ...(status === "published" ? { publishedAt: options.publishedAt ?? new Date() } : {}) })
      .where(eq(assessments.id, created.id));
  }
  const [row] = await db.select().from(assessments).where(eq(assessments.id, created.id));
  return row;
}

/** Unpublishing as the workflow does it: back to approved, with the withdrawal date and reason. */
export async function withdrawPublished(db: Db, assessmentId: string, reason = "Data error found after publication.") {
  await db
    .update(assessments)
    .set({ status: "approved", withdrawnAt: new Date(), withdrawnReason: reason })
    .where(eq(assessments.id, assessmentId));
}
