import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { cities, memberships, users } from "@/db/schema/identity";
import { comments, consultations, feedback } from "@/db/schema/participation";
import { effectiveRole, type Role } from "@/server/auth/permissions";
import type { FlagTargetType } from "@/shared/domain-values";
import type { ModerationItemRef } from "./moderation-schemas";

/** A comment or a feedback item as moderation sees it: full text, author and their rank in the city. */
export type ModerationTarget = {
  targetType: FlagTargetType;
  id: string;
  cityId: string;
  cityName: string;
  assessmentId: string;
  body: string;
  rating: number | null;
  suggestion: string | null;
  moderationState: "ok" | "auto_hidden" | "hidden";
  moderationReason: string | null;
  moderatedBy: string | null;
  moderatedAt: Date | null;
  flagCount: number;
  deleted: boolean;
  createdAt: Date;
  author: { id: string; name: string; role: Role; postingBlocked: boolean };
  /** Where the item was posted, for the moderator's context. */
  context:
    | { kind: "comment"; targetType: string; targetKey: string; visibility: string; consultationId: null }
    | { kind: "feedback"; characteristicKey: string; consultationId: string; question: string };
};

/** Loads the items by type in two queries (one per table), in the order asked. */
export async function loadModerationTargets(db: DbOrTx, refs: readonly ModerationItemRef[]): Promise<Map<string, ModerationTarget>> {
  const commentIds = refs.filter((r) => r.targetType === "comment").map((r) => r.targetId);
  const feedbackIds = refs.filter((r) => r.targetType === "feedback").map((r) => r.targetId);
  const out = new Map<string, ModerationTarget>();
  if (commentIds.length) {
    const rows = await db
      .select({
        c: comments,
        authorName: users.name,
        globalRole: users.globalRole,
        blockedAt: users.postingBlockedAt,
        cityRole: memberships.role,
        cityName: cities.name,
      })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .innerJoin(cities, eq(cities.id, comments.cityId))
      .leftJoin(
        memberships,
        and(eq(memberships.userId, comments.authorId), eq(memberships.cityId, comments.cityId), isNull(memberships.revokedAt)),
      )
      .where(inArray(comments.id, commentIds));
    for (const { c, authorName, globalRole, blockedAt, cityRole, cityName } of rows) {
      out.set(targetKey("comment", c.id), {
        targetType: "comment",
        id: c.id,
        cityId: c.cityId,
        cityName,
        assessmentId: c.assessmentId,
        body: c.body,
        rating: null,
        suggestion: null,
        moderationState: c.moderationState,
        moderationReason: c.moderationReason,
        moderatedBy: c.moderatedBy,
        moderatedAt: c.moderatedAt,
        flagCount: c.flagCount,
        deleted: c.deletedAt !== null,
        createdAt: c.createdAt,
        author: {
          id: c.authorId,
          name: authorName,
          role: effectiveRole(globalRole ?? null, cityRole ?? null),
          postingBlocked: blockedAt !== null,
        },
        context: { kind: "comment", targetType: c.targetType, targetKey: c.targetKey, visibility: c.visibility, consultationId: null },
      });
    }
  }
  if (feedbackIds.length) {
    const rows = await db
      .select({
        f: feedback,
        assessmentId: consultations.assessmentId,
        question: consultations.question,
        authorName: users.name,
        globalRole: users.globalRole,
        blockedAt: users.postingBlockedAt,
        cityRole: memberships.role,
        cityName: cities.name,
      })
      .from(feedback)
      .innerJoin(consultations, eq(consultations.id, feedback.consultationId))
      .innerJoin(users, eq(users.id, feedback.authorId))
      .innerJoin(cities, eq(cities.id, feedback.cityId))
      .leftJoin(
        memberships,
        and(eq(memberships.userId, feedback.authorId), eq(memberships.cityId, feedback.cityId), isNull(memberships.revokedAt)),
      )
      .where(inArray(feedback.id, feedbackIds));
    for (const { f, assessmentId, question, authorName, globalRole, blockedAt, cityRole, cityName } of rows) {
      out.set(targetKey("feedback", f.id), {
        targetType: "feedback",
        id: f.id,
        cityId: f.cityId,
        cityName,
        assessmentId,
        body: f.body,
        rating: f.rating,
        suggestion: f.suggestion,
        moderationState: f.moderationState,
        moderationReason: f.moderationReason,
        moderatedBy: f.moderatedBy,
        moderatedAt: f.moderatedAt,
        flagCount: f.flagCount,
        deleted: false,
        createdAt: f.createdAt,
        author: {
          id: f.authorId,
          name: authorName,
          role: effectiveRole(globalRole ?? null, cityRole ?? null),
          postingBlocked: blockedAt !== null,
        },
        context: { kind: "feedback", characteristicKey: f.characteristicKey, consultationId: f.consultationId, question },
      });
    }
  }
  return out;
}

export function targetKey(type: FlagTargetType, id: string): string {
  return `${type}:${id}`;
}

/** The moderator's role in each city: a global role, raised by a city membership if that is higher. */
export async function moderatorRoles(db: DbOrTx, actorId: string): Promise<(cityId: string) => Role> {
  const [actor] = await db.select({ globalRole: users.globalRole }).from(users).where(eq(users.id, actorId)).limit(1);
  const rows = await db
    .select({ cityId: memberships.cityId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, actorId), isNull(memberships.revokedAt)));
  const byCity = new Map(rows.map((r) => [r.cityId, r.role]));
  return (cityId) => effectiveRole(actor?.globalRole ?? null, byCity.get(cityId) ?? null);
}
