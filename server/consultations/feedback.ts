import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema/identity";
import { feedback, feedbackSupports, flags } from "@/db/schema/participation";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { resolveCityRole } from "@/server/auth/city-role";
import { can, effectiveRole, type Role } from "@/server/auth/permissions";
import { assertMayPost } from "@/server/comments/posting-guard";
import { isConsultationOpen } from "@/server/comments/thread-access";
import { DomainError } from "@/server/errors/domain-error";
import { afterRowWithId } from "@/server/pagination/cursor";
import type { CharacteristicKey } from "@/shared/domain-values";
import { type ConsultationRow, findConsultation } from "./consultations";

type Actor = { userId: string; role: Role };

function assertOpen(consultation: ConsultationRow, now: Date): void {
  if (!isConsultationOpen(consultation, now)) {
    throw new DomainError("FORBIDDEN", "This consultation is closed: it no longer takes feedback or support.");
  }
}

/** A citizen's answer: a comment, an optional 1–5 rating and an optional suggestion of a service. */
export async function submitFeedback(
  db: Db,
  actor: Actor,
  consultation: ConsultationRow,
  input: { characteristicKey: CharacteristicKey; body: string; rating?: number | null; suggestion?: string | null },
  now = new Date(),
): Promise<{ id: string }> {
  assertOpen(consultation, now);
  if (!consultation.characteristicKeys.includes(input.characteristicKey)) {
    throw new DomainError("BAD_REQUEST", "This consultation does not ask about that characteristic.", {
      fieldErrors: { characteristicKey: ["This consultation does not ask about that characteristic."] },
    });
  }
  return db.transaction(async (tx) => {
    await assertMayPost(tx, actor.userId, now);
    const [created] = await tx
      .insert(feedback)
      .values({
        cityId: consultation.cityId,
        consultationId: consultation.id,
        characteristicKey: input.characteristicKey,
        authorId: actor.userId,
        body: input.body,
        rating: input.rating ?? null,
        suggestion: input.suggestion ?? null,
      })
      .returning({ id: feedback.id });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "feedback.submit",
      entityType: "feedback",
      entityId: created.id,
      cityId: consultation.cityId,
      assessmentId: consultation.assessmentId,
      after: {
        consultationId: consultation.id,
        characteristicKey: input.characteristicKey,
        body: input.body,
        rating: input.rating ?? null,
        suggestion: input.suggestion ?? null,
      },
    });
    return created;
  });
}

export type FeedbackItem = {
  id: string;
  characteristicKey: CharacteristicKey;
  author: { id: string; name: string; role: Role };
  /** Null when hidden and the viewer is not a moderator. */
  body: string | null;
  rating: number | null;
  suggestion: string | null;
  supportCount: number;
  state: "visible" | "hidden" | "pending_review";
  moderationReason: string | null;
  createdAt: Date;
  isOwn: boolean;
  supportedByViewer: boolean;
  flaggedByViewer: boolean;
  canSupport: boolean;
  canFlag: boolean;
};

/** Feedback on a consultation, newest first (new answers appear on top, never inside later pages). Public. */
export async function listFeedback(
  db: Db,
  userId: string | null,
  input: { consultationId: string; characteristicKey?: CharacteristicKey | null; cursor?: string | null; limit: number },
  now = new Date(),
): Promise<{ items: FeedbackItem[]; nextCursor: string | null }> {
  const consultation = await findConsultation(db, input.consultationId);
  if (!consultation) throw new DomainError("NOT_FOUND", "Consultation not found.");
  const viewerRole = userId ? ((await resolveCityRole(db, userId, consultation.cityId))?.role ?? null) : null;
  const canModerate = Boolean(viewerRole && can(viewerRole, "moderation:act"));
  const open = isConsultationOpen(consultation, now);
  const rows = await db
    .select({
      item: feedback,
      authorName: users.name,
      authorGlobalRole: users.globalRole,
      authorCityRole: memberships.role,
    })
    .from(feedback)
    .innerJoin(users, eq(users.id, feedback.authorId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, feedback.authorId), eq(memberships.cityId, feedback.cityId), sql`${memberships.revokedAt} is null`),
    )
    .where(
      and(
        eq(feedback.consultationId, consultation.id),
        input.characteristicKey ? eq(feedback.characteristicKey, input.characteristicKey) : undefined,
        input.cursor ? afterRowWithId(feedback, feedback.createdAt, feedback.id, input.cursor, "desc") : undefined,
      ),
    )
    .orderBy(desc(feedback.createdAt), desc(feedback.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.item.id);
  const supported = new Set<string>();
  const flagged = new Set<string>();
  if (userId && ids.length) {
    const [mySupports, myFlags] = await Promise.all([
      db
        .select({ id: feedbackSupports.feedbackId })
        .from(feedbackSupports)
        .where(and(eq(feedbackSupports.userId, userId), inArray(feedbackSupports.feedbackId, ids))),
      db
        .select({ id: flags.targetId })
        .from(flags)
        .where(and(eq(flags.userId, userId), eq(flags.targetType, "feedback"), inArray(flags.targetId, ids))),
    ]);
    for (const s of mySupports) supported.add(s.id);
    for (const f of myFlags) flagged.add(f.id);
  }
  return {
    items: page.map(({ item, authorName, authorGlobalRole, authorCityRole }) => {
      const state: FeedbackItem["state"] =
        item.moderationState === "hidden" ? "hidden" : item.moderationState === "auto_hidden" ? "pending_review" : "visible";
      const visible = state === "visible";
      const isOwn = item.authorId === userId;
      return {
        id: item.id,
        characteristicKey: item.characteristicKey,
        author: { id: item.authorId, name: authorName, role: effectiveRole(authorGlobalRole ?? null, authorCityRole ?? null) },
        body: visible || canModerate ? item.body : null,
        rating: visible || canModerate ? item.rating : null,
        suggestion: visible || canModerate ? item.suggestion : null,
        supportCount: item.supportCount,
        state,
        moderationReason: state === "hidden" ? item.moderationReason : null,
        createdAt: item.createdAt,
        isOwn,
        supportedByViewer: supported.has(item.id),
        flaggedByViewer: flagged.has(item.id),
        canSupport: Boolean(userId) && open && visible && !isOwn && !supported.has(item.id),
        canFlag: Boolean(userId) && visible && !isOwn && !flagged.has(item.id),
      };
    }),
    nextCursor: rows.length > input.limit ? page[page.length - 1].item.id : null,
  };
}

/** Citizens back each other's feedback and suggestions, once each. */
export async function supportFeedback(
  db: Db,
  actor: Actor,
  target: { item: typeof feedback.$inferSelect; consultation: ConsultationRow },
  now = new Date(),
): Promise<{ supportCount: number }> {
  const { item, consultation } = target;
  assertOpen(consultation, now);
  if (item.authorId === actor.userId) throw new DomainError("BAD_REQUEST", "You cannot support your own feedback.");
  if (item.moderationState !== "ok") throw new DomainError("FORBIDDEN", "This feedback is hidden pending review.");
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(feedbackSupports)
      .values({ cityId: item.cityId, feedbackId: item.id, userId: actor.userId })
      .onConflictDoNothing()
      .returning({ id: feedbackSupports.feedbackId });
    if (!inserted.length) throw new DomainError("CONFLICT", "You already support this feedback.");
    const [updated] = await tx
      .update(feedback)
      .set({ supportCount: sql`${feedback.supportCount} + 1` })
      .where(eq(feedback.id, item.id))
      .returning({ supportCount: feedback.supportCount });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "feedback.support",
      entityType: "feedback",
      entityId: item.id,
      cityId: item.cityId,
      assessmentId: consultation.assessmentId,
      after: { supportCount: updated.supportCount },
    });
    return updated;
  });
}

export async function findFeedbackWithConsultation(db: Db, feedbackId: string) {
  const [item] = await db.select().from(feedback).where(eq(feedback.id, feedbackId)).limit(1);
  if (!item) return null;
  const consultation = await findConsultation(db, item.consultationId);
  return consultation ? { item, consultation } : null;
}
