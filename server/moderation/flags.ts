import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { comments, feedback, flags } from "@/db/schema/participation";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { resolveCityRole } from "@/server/auth/city-role";
import { authorizeCommentRead } from "@/server/comments/comment-threads";
import { participationConfig } from "@/server/comments/participation-config";
import { findConsultation } from "@/server/consultations/consultations";
import { DomainError } from "@/server/errors/domain-error";
import type { FlagReason, FlagTargetType } from "@/shared/domain-values";

type FlagInput = { targetType: FlagTargetType; targetId: string; reason: FlagReason; note?: string | null };

/** The flagged item as both tables share it. */
type Flaggable = {
  id: string;
  cityId: string;
  assessmentId: string;
  authorId: string;
  moderationState: "ok" | "auto_hidden" | "hidden";
  deleted: boolean;
};

/**
 * Anyone signed in who can see an item may flag it once. When the open flags reach the threshold
 * (FLAG_HIDE_THRESHOLD, default 3) the item is hidden pending review by the technical expert group.
 */
export async function flagContent(db: Db, userId: string, input: FlagInput): Promise<{ autoHidden: boolean; flagCount: number }> {
  const { item, role } = await loadFlaggable(db, userId, input);
  if (item.authorId === userId) throw new DomainError("BAD_REQUEST", "You cannot flag what you wrote yourself.");
  if (item.deleted) throw new DomainError("BAD_REQUEST", "This comment was deleted.");
  if (item.moderationState === "hidden") throw new DomainError("CONFLICT", "A moderator has already hidden this.");
  const threshold = participationConfig().flagHideThreshold;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(flags)
      .values({
        cityId: item.cityId,
        targetType: input.targetType,
        targetId: item.id,
        userId,
        reason: input.reason,
        note: input.note ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: flags.id });
    if (!inserted.length) throw new DomainError("CONFLICT", "You have already flagged this.");
    const after = await countFlag(tx, input.targetType, item.id, threshold);
    const audit = { cityId: item.cityId, assessmentId: item.assessmentId, entityType: input.targetType, entityId: item.id };
    await recordAuditEvent(tx, {
      ...audit,
      actorId: userId,
      actorRole: role,
      action: `${input.targetType}.flag`,
      after: { reason: input.reason, note: input.note ?? null, flagCount: after.flagCount },
    });
    const autoHidden = item.moderationState === "ok" && after.moderationState === "auto_hidden";
    if (autoHidden) {
      await recordAuditEvent(tx, {
        ...audit,
        actorId: null,
        actorRole: "system",
        action: `${input.targetType}.auto_hide`,
        before: { moderationState: "ok" },
        after: { moderationState: "auto_hidden", flagCount: after.flagCount },
        reason: `Reached ${threshold} flags; hidden pending review.`,
      });
    }
    return { autoHidden, flagCount: after.flagCount };
  });
}

/** Adds one open flag and hides the item once the threshold is reached, in one statement. */
async function countFlag(tx: Tx, targetType: FlagTargetType, id: string, threshold: number) {
  if (targetType === "comment") {
    const [row] = await tx
      .update(comments)
      .set({
        flagCount: sql`${comments.flagCount} + 1`,
        moderationState: sql`case when ${comments.moderationState} = 'ok' and ${comments.flagCount} + 1 >= ${threshold} then 'auto_hidden'::moderation_state else ${comments.moderationState} end`,
      })
      .where(eq(comments.id, id))
      .returning({ flagCount: comments.flagCount, moderationState: comments.moderationState });
    return row;
  }
  const [row] = await tx
    .update(feedback)
    .set({
      flagCount: sql`${feedback.flagCount} + 1`,
      moderationState: sql`case when ${feedback.moderationState} = 'ok' and ${feedback.flagCount} + 1 >= ${threshold} then 'auto_hidden'::moderation_state else ${feedback.moderationState} end`,
    })
    .where(eq(feedback.id, id))
    .returning({ flagCount: feedback.flagCount, moderationState: feedback.moderationState });
  return row;
}

async function loadFlaggable(db: Db, userId: string, input: FlagInput): Promise<{ item: Flaggable; role: string }> {
  if (input.targetType === "comment") {
    const [comment] = await db.select().from(comments).where(eq(comments.id, input.targetId)).limit(1);
    if (!comment) throw new DomainError("NOT_FOUND", "Comment not found.");
    // Only someone who can read the thread may flag in it.
    const access = await authorizeCommentRead(db, userId, comment);
    return {
      item: {
        id: comment.id,
        cityId: comment.cityId,
        assessmentId: comment.assessmentId,
        authorId: comment.authorId,
        moderationState: comment.moderationState,
        deleted: comment.deletedAt !== null,
      },
      role: access?.role ?? "signed_in",
    };
  }
  const [item] = await db.select().from(feedback).where(eq(feedback.id, input.targetId)).limit(1);
  const consultation = item ? await findConsultation(db, item.consultationId) : null;
  if (!item || !consultation) throw new DomainError("NOT_FOUND", "Feedback not found.");
  const access = await resolveCityRole(db, userId, item.cityId);
  return {
    item: {
      id: item.id,
      cityId: item.cityId,
      assessmentId: consultation.assessmentId,
      authorId: item.authorId,
      moderationState: item.moderationState,
      deleted: false,
    },
    role: access?.role ?? "signed_in",
  };
}
