import { and, asc, count, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities, memberships, users } from "@/db/schema/identity";
import { consultations, feedback } from "@/db/schema/participation";
import { recordAuditEvent } from "@/server/audit/audit-trail";
import { resolveCityRole } from "@/server/auth/city-role";
import { can, type Role } from "@/server/auth/permissions";
import { isConsultationOpen } from "@/server/comments/thread-access";
import { DomainError } from "@/server/errors/domain-error";
import { afterRowWithId } from "@/server/pagination/cursor";
import { closesAtFor, type OpenConsultationInput } from "./consultation-schemas";

export type ConsultationRow = typeof consultations.$inferSelect;
type Actor = { userId: string; role: Role };

export async function findConsultation(db: DbOrTx, consultationId: string): Promise<ConsultationRow | null> {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, consultationId)).limit(1);
  return row ?? null;
}

/** The leadership group asks citizens about some or all characteristics of its draft assessment. */
export async function openConsultation(
  db: Db,
  actor: Actor,
  assessment: { id: string; cityId: string; status: string },
  input: OpenConsultationInput,
): Promise<{ id: string }> {
  if (assessment.status !== "draft") {
    throw new DomainError("INVALID_TRANSITION", "Consultations can only be opened while the assessment is a draft.");
  }
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(consultations)
      .values({
        cityId: assessment.cityId,
        assessmentId: assessment.id,
        question: input.question,
        summary: input.summary,
        characteristicKeys: input.characteristicKeys,
        closesAt: closesAtFor(input.closesOn),
        createdBy: actor.userId,
      })
      .returning();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "consultation.open",
      entityType: "consultation",
      entityId: created.id,
      cityId: assessment.cityId,
      assessmentId: assessment.id,
      after: { question: created.question, characteristicKeys: created.characteristicKeys, closesAt: created.closesAt },
    });
    return { id: created.id };
  });
}

/** Closes a consultation before its date; feedback stays readable and is still summarised. */
export async function closeConsultation(db: Db, actor: Actor, consultation: ConsultationRow, now = new Date()): Promise<void> {
  if (!isConsultationOpen(consultation, now)) throw new DomainError("INVALID_TRANSITION", "This consultation is already closed.");
  await db.transaction(async (tx) => {
    const closed = await tx
      .update(consultations)
      .set({ closedAt: now })
      .where(and(eq(consultations.id, consultation.id), isNull(consultations.closedAt)))
      .returning({ id: consultations.id });
    if (!closed.length) throw new DomainError("INVALID_TRANSITION", "This consultation is already closed.");
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "consultation.close",
      entityType: "consultation",
      entityId: consultation.id,
      cityId: consultation.cityId,
      assessmentId: consultation.assessmentId,
      before: { closesAt: consultation.closesAt },
      after: { closedAt: now },
    });
  });
}

export type ConsultationListItem = {
  id: string;
  question: string;
  characteristicKeys: string[];
  closesAt: Date;
  closedAt: Date | null;
  isOpen: boolean;
  createdAt: Date;
  city: { id: string; name: string; slug: string };
  feedbackCount: number;
};

async function withFeedbackCounts(
  db: DbOrTx,
  rows: Omit<ConsultationListItem, "feedbackCount" | "isOpen">[],
  now: Date,
): Promise<ConsultationListItem[]> {
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .select({ consultationId: feedback.consultationId, n: count() })
        .from(feedback)
        .where(inArray(feedback.consultationId, ids))
        .groupBy(feedback.consultationId)
    : [];
  const byId = new Map(counts.map((c) => [c.consultationId, Number(c.n)]));
  return rows.map((r) => ({ ...r, isOpen: isConsultationOpen(r, now), feedbackCount: byId.get(r.id) ?? 0 }));
}

const listColumns = {
  id: consultations.id,
  question: consultations.question,
  characteristicKeys: consultations.characteristicKeys,
  closesAt: consultations.closesAt,
  closedAt: consultations.closedAt,
  createdAt: consultations.createdAt,
  city: { id: cities.id, name: cities.name, slug: cities.slug },
};

/** Open consultations across cities (or one city), closing soonest first. Public. */
export async function listOpenConsultations(
  db: Db,
  input: { cityId?: string | null; cursor?: string | null; limit: number },
  now = new Date(),
): Promise<{ items: ConsultationListItem[]; nextCursor: string | null }> {
  const rows = await db
    .select(listColumns)
    .from(consultations)
    .innerJoin(cities, eq(cities.id, consultations.cityId))
    .where(
      and(
        isNull(consultations.closedAt),
        gt(consultations.closesAt, now),
        input.cityId ? eq(consultations.cityId, input.cityId) : undefined,
        input.cursor ? afterRowWithId(consultations, consultations.closesAt, consultations.id, input.cursor, "asc") : undefined,
      ),
    )
    .orderBy(asc(consultations.closesAt), asc(consultations.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: await withFeedbackCounts(db, page, now),
    nextCursor: rows.length > input.limit ? page[page.length - 1].id : null,
  };
}

/** Every consultation of one city, newest first: the leadership group's and the experts' overview. */
export async function listCityConsultations(
  db: Db,
  cityId: string,
  input: { cursor?: string | null; limit: number },
  now = new Date(),
): Promise<{ items: ConsultationListItem[]; nextCursor: string | null }> {
  const rows = await db
    .select(listColumns)
    .from(consultations)
    .innerJoin(cities, eq(cities.id, consultations.cityId))
    .where(
      and(
        eq(consultations.cityId, cityId),
        input.cursor ? afterRowWithId(consultations, consultations.createdAt, consultations.id, input.cursor, "desc") : undefined,
      ),
    )
    .orderBy(desc(consultations.createdAt), desc(consultations.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: await withFeedbackCounts(db, page, now),
    nextCursor: rows.length > input.limit ? page[page.length - 1].id : null,
  };
}

export type ConsultationDetail = {
  id: string;
  question: string;
  summary: string;
  characteristicKeys: string[];
  closesAt: Date;
  closedAt: Date | null;
  isOpen: boolean;
  createdAt: Date;
  city: { id: string; name: string; slug: string };
  assessment: { id: string; cycle: string; status: string; frameworkKey: string; frameworkVersion: string };
  feedbackCount: number;
  viewer: {
    signedIn: boolean;
    role: Role | null;
    /** Null when the viewer may answer now; otherwise why not, as a code the page translates. */
    submitRefusal: "sign_in" | "closed" | "blocked" | null;
    postingBlockedReason: string | null;
    canSummarise: boolean;
    canClose: boolean;
    canModerate: boolean;
  };
};

/** One consultation with what the viewer may do on it. Public: anyone may read a consultation. */
export async function getConsultation(
  db: Db,
  userId: string | null,
  consultationId: string,
  now = new Date(),
): Promise<ConsultationDetail> {
  const [row] = await db
    .select({
      consultation: consultations,
      city: { id: cities.id, name: cities.name, slug: cities.slug },
      assessment: {
        id: assessments.id,
        cycle: assessments.cycle,
        status: assessments.status,
        frameworkKey: assessments.frameworkKey,
        frameworkVersion: assessments.frameworkVersion,
      },
    })
    .from(consultations)
    .innerJoin(cities, eq(cities.id, consultations.cityId))
    .innerJoin(assessments, eq(assessments.id, consultations.assessmentId))
    .where(eq(consultations.id, consultationId))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "Consultation not found.");
  const c = row.consultation;
  const isOpen = isConsultationOpen(c, now);
  let role: Role | null = null;
  let postingBlockedReason: string | null = null;
  if (userId) {
    const access = await resolveCityRole(db, userId, c.cityId);
    role = access?.role ?? null;
    const [user] = await db
      .select({ at: users.postingBlockedAt, reason: users.postingBlockedReason })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (user?.at) postingBlockedReason = user.reason ?? "";
  }
  const [{ n }] = await db.select({ n: count() }).from(feedback).where(eq(feedback.consultationId, c.id));
  const submitRefusal = !userId ? "sign_in" : !isOpen ? "closed" : postingBlockedReason !== null ? "blocked" : null;
  return {
    id: c.id,
    question: c.question,
    summary: c.summary,
    characteristicKeys: c.characteristicKeys,
    closesAt: c.closesAt,
    closedAt: c.closedAt,
    isOpen,
    createdAt: c.createdAt,
    city: row.city,
    assessment: row.assessment,
    feedbackCount: Number(n),
    viewer: {
      signedIn: Boolean(userId),
      role,
      submitRefusal,
      postingBlockedReason,
      canSummarise: Boolean(role && can(role, "feedback:summary")),
      canClose: Boolean(role && can(role, "consultation:open") && isOpen),
      canModerate: Boolean(role && can(role, "moderation:act")),
    },
  };
}

/** Draft assessments the user leads (the ones a consultation can be opened on). */
export async function listConsultableAssessments(db: Db, userId: string) {
  return db
    .select({ assessmentId: assessments.id, cycle: assessments.cycle, cityId: cities.id, cityName: cities.name })
    .from(memberships)
    .innerJoin(cities, eq(cities.id, memberships.cityId))
    .innerJoin(assessments, and(eq(assessments.cityId, memberships.cityId), eq(assessments.status, "draft")))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "leadership"), isNull(memberships.revokedAt)))
    .orderBy(asc(cities.name));
}
