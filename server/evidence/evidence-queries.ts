import { and, asc, count, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence, evidenceReviews, evidenceRevisions, storedFiles } from "@/db/schema/evidence";
import { cities, memberships, users } from "@/db/schema/identity";
import { canChangeEvidence, canJudge } from "@/server/assessments/assessment-phase";
import { can, type Role } from "@/server/auth/permissions";
import { afterTimeId, cursorTimestamp, timeIdCursor, timeIdPage } from "@/server/pagination/cursor";
import type { CharacteristicKey, EvidenceKind, EvidenceStatus } from "@/shared/domain-values";
import { assertEvidenceVisible, visibleEvidenceCondition } from "./evidence-access";
import { evidenceAuthorName } from "./evidence-author";

type Assessment = typeof assessments.$inferSelect;
type Evidence = typeof evidence.$inferSelect;
export type Viewer = { userId: string; role: Role };

/** The list columns, with the criteria the current revision claims (one join, no N+1). */
const listColumns = {
  id: evidence.id,
  assessmentId: evidence.assessmentId,
  characteristicKey: evidence.characteristicKey,
  kind: evidence.kind,
  status: evidence.status,
  title: evidence.title,
  authorId: evidence.authorId,
  authorName: evidenceAuthorName,
  authorRole: evidence.authorRole,
  currentRevision: evidence.currentRevision,
  criterionKeys: evidenceRevisions.criterionKeys,
  submittedAt: evidence.submittedAt,
  updatedAt: evidence.updatedAt,
};

function currentRevisionJoin() {
  return and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision));
}

/** One piece of evidence with every revision, every review and what the viewer may do with it. */
export async function getEvidenceDetail(db: Db, viewer: Viewer, assessment: Assessment, item: Evidence) {
  assertEvidenceVisible(viewer.role, viewer.userId, item);
  const [revisions, reviews, authorRows] = await Promise.all([
    db
      .select({
        revision: evidenceRevisions.revision,
        title: evidenceRevisions.title,
        payload: evidenceRevisions.payload,
        criterionKeys: evidenceRevisions.criterionKeys,
        createdAt: evidenceRevisions.createdAt,
        file: {
          id: storedFiles.id,
          filename: storedFiles.filename,
          mimeType: storedFiles.mimeType,
          sizeBytes: storedFiles.sizeBytes,
          sha256: storedFiles.sha256,
        },
      })
      .from(evidenceRevisions)
      .leftJoin(storedFiles, eq(storedFiles.id, evidenceRevisions.fileId))
      .where(eq(evidenceRevisions.evidenceId, item.id))
      .orderBy(desc(evidenceRevisions.revision)),
    db
      .select({
        id: evidenceReviews.id,
        revision: evidenceReviews.revision,
        decision: evidenceReviews.decision,
        note: evidenceReviews.note,
        reviewerName: users.name,
        createdAt: evidenceReviews.createdAt,
      })
      .from(evidenceReviews)
      .innerJoin(users, eq(users.id, evidenceReviews.reviewerId))
      .where(eq(evidenceReviews.evidenceId, item.id))
      .orderBy(desc(evidenceReviews.createdAt), desc(evidenceReviews.id)),
    db
      .select({ name: users.name, departmentName: memberships.departmentName, organisation: memberships.organisation })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.cityId, item.cityId)))
      .where(eq(users.id, item.authorId))
      .orderBy(desc(memberships.createdAt))
      .limit(1),
  ]);
  const isAuthor = item.authorId === viewer.userId;
  return {
    evidence: item,
    assessment: {
      id: assessment.id,
      cityId: assessment.cityId,
      cycle: assessment.cycle,
      status: assessment.status,
      frameworkKey: assessment.frameworkKey,
      frameworkVersion: assessment.frameworkVersion,
    },
    author: item.attributedAt
      ? { name: item.attributedTo, departmentName: null, organisation: null }
      : (authorRows[0] ?? { name: "", departmentName: null, organisation: null }),
    revisions: revisions.map((r) => ({ ...r, file: r.file?.id ? r.file : null })),
    reviews,
    permissions: {
      isAuthor,
      canChange: isAuthor && can(viewer.role, "evidence:submit") && canChangeEvidence(assessment.status, item.status),
      canReview: can(viewer.role, "evidence:review") && item.status === "submitted" && canJudge(assessment.status),
    },
  };
}

export type EvidenceListFilter = {
  characteristicKey?: CharacteristicKey;
  status?: EvidenceStatus;
  kind?: EvidenceKind;
  cursor?: string | null;
  limit: number;
};

/** The evidence of one assessment the viewer may see, newest first; withdrawn items only on request. */
export async function listEvidenceForAssessment(db: Db, viewer: Viewer, assessmentId: string, filter: EvidenceListFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(evidence.assessmentId, assessmentId),
    visibleEvidenceCondition(viewer.role, viewer.userId),
    filter.status ? eq(evidence.status, filter.status) : ne(evidence.status, "withdrawn"),
    filter.characteristicKey ? eq(evidence.characteristicKey, filter.characteristicKey) : undefined,
    filter.kind ? eq(evidence.kind, filter.kind) : undefined,
  ];
  const cursor = timeIdCursor.decode(filter.cursor);
  if (cursor) conditions.push(afterTimeId(evidence.submittedAt, evidence.id, cursor, "desc"));
  const rows = await db
    .select({ ...listColumns, cursorAt: cursorTimestamp(evidence.submittedAt) })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.authorId))
    .innerJoin(evidenceRevisions, currentRevisionJoin())
    .where(and(...conditions))
    .orderBy(desc(evidence.submittedAt), desc(evidence.id))
    .limit(filter.limit + 1);
  return timeIdPage(rows, filter.limit);
}

/** Counts per characteristic and status, for the workspace overview; same visibility as the list. */
export async function summariseEvidence(db: Db, viewer: Viewer, assessmentId: string) {
  return db
    .select({ characteristicKey: evidence.characteristicKey, status: evidence.status, count: count() })
    .from(evidence)
    .where(
      and(eq(evidence.assessmentId, assessmentId), ne(evidence.status, "withdrawn"), visibleEvidenceCondition(viewer.role, viewer.userId)),
    )
    .groupBy(evidence.characteristicKey, evidence.status)
    .orderBy(asc(evidence.characteristicKey), asc(evidence.status));
}

/** "My submissions": what I contributed, most recently changed first, with the latest review note. */
export async function listMyEvidence(db: Db, userId: string, filter: { status?: EvidenceStatus; cursor?: string | null; limit: number }) {
  const conditions: (SQL | undefined)[] = [eq(evidence.authorId, userId), filter.status ? eq(evidence.status, filter.status) : undefined];
  const cursor = timeIdCursor.decode(filter.cursor);
  if (cursor) conditions.push(afterTimeId(evidence.updatedAt, evidence.id, cursor, "desc"));
  const rows = await db
    .select({
      ...listColumns,
      cityId: evidence.cityId,
      cityName: cities.name,
      citySlug: cities.slug,
      assessmentCycle: assessments.cycle,
      assessmentStatus: assessments.status,
      cursorAt: cursorTimestamp(evidence.updatedAt),
    })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.authorId))
    .innerJoin(evidenceRevisions, currentRevisionJoin())
    .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
    .innerJoin(cities, eq(cities.id, evidence.cityId))
    .where(and(...conditions))
    .orderBy(desc(evidence.updatedAt), desc(evidence.id))
    .limit(filter.limit + 1);
  const page = timeIdPage(rows, filter.limit);
  const ids = page.items.map((r) => r.id);
  const latestReviews = ids.length
    ? await db
        .selectDistinctOn([evidenceReviews.evidenceId], {
          evidenceId: evidenceReviews.evidenceId,
          decision: evidenceReviews.decision,
          note: evidenceReviews.note,
          revision: evidenceReviews.revision,
          createdAt: evidenceReviews.createdAt,
        })
        .from(evidenceReviews)
        .where(inArray(evidenceReviews.evidenceId, ids))
        .orderBy(evidenceReviews.evidenceId, desc(evidenceReviews.createdAt), desc(evidenceReviews.id))
    : [];
  const reviewByEvidence = new Map(latestReviews.map((r) => [r.evidenceId, r]));
  return {
    items: page.items.map((item) => ({
      ...item,
      latestReview: reviewByEvidence.get(item.id) ?? null,
      canChange: canChangeEvidence(item.assessmentStatus, item.status),
    })),
    nextCursor: page.nextCursor,
  };
}
