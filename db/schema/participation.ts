import { index, integer, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CharacteristicKey } from "../../shared/domain-values";
import { assessmentIdColumn, characteristicKeyColumn } from "./assessments";
import { createdAtColumn, idColumn, moderationColumns, timestamptz } from "./columns";
import { commentTargetEnum, flagReasonEnum, flagTargetEnum, visibilityEnum } from "./enums";
import { evidence } from "./evidence";
import { cityIdColumn, userIdColumn } from "./identity";

/** How many flags a piece of citizen-written content has collected (the auto-hide threshold counts it). */
const flagCountColumn = () => integer("flag_count").notNull().default(0);

export const comments = pgTable(
  "comments",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    assessmentId: assessmentIdColumn(),
    targetType: commentTargetEnum("target_type").notNull(),
    /** Characteristic key or evidence id; for an assessment thread, the assessment id. */
    targetKey: text("target_key").notNull(),
    evidenceId: uuid("evidence_id").references(() => evidence.id),
    visibility: visibilityEnum("visibility").notNull(),
    parentId: uuid("parent_id"),
    /** The top-level comment of the thread (itself for a top-level comment); pages are of roots. */
    rootId: uuid("root_id"),
    depth: integer("depth").notNull().default(0),
    authorId: userIdColumn("author_id"),
    body: text("body").notNull(),
    editedAt: timestamptz("edited_at"),
    deletedAt: timestamptz("deleted_at"),
    ...moderationColumns(),
    flagCount: flagCountColumn(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("comments_thread_idx").on(t.assessmentId, t.targetType, t.targetKey, t.depth, t.createdAt, t.id),
    index("comments_root_idx").on(t.rootId, t.createdAt),
    index("comments_author_recent_idx").on(t.authorId, t.createdAt),
    index("comments_moderation_idx").on(t.moderationState, t.createdAt),
  ],
);

export const consultations = pgTable(
  "consultations",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    assessmentId: assessmentIdColumn(),
    question: text("question").notNull(),
    summary: text("summary").notNull(),
    characteristicKeys: text("characteristic_keys").array().$type<CharacteristicKey[]>().notNull(),
    closesAt: timestamptz("closes_at").notNull(),
    closedAt: timestamptz("closed_at"),
    createdBy: userIdColumn("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("consultations_city_idx").on(t.cityId, t.closesAt)],
);

export const feedback = pgTable(
  "feedback",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id),
    characteristicKey: characteristicKeyColumn(),
    authorId: userIdColumn("author_id"),
    body: text("body").notNull(),
    rating: smallint("rating"),
    suggestion: text("suggestion"),
    supportCount: integer("support_count").notNull().default(0),
    flagCount: flagCountColumn(),
    ...moderationColumns(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("feedback_consultation_idx").on(t.consultationId, t.characteristicKey, t.createdAt),
    index("feedback_author_recent_idx").on(t.authorId, t.createdAt),
    index("feedback_moderation_idx").on(t.moderationState, t.createdAt),
  ],
);

export const feedbackSupports = pgTable(
  "feedback_supports",
  {
    cityId: cityIdColumn(),
    feedbackId: uuid("feedback_id")
      .notNull()
      .references(() => feedback.id),
    userId: userIdColumn("user_id"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("feedback_supports_once_uq").on(t.feedbackId, t.userId)],
);

export const flags = pgTable(
  "flags",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    targetType: flagTargetEnum("target_type").notNull(),
    targetId: uuid("target_id").notNull(),
    userId: userIdColumn("user_id"),
    reason: flagReasonEnum("reason").notNull(),
    note: text("note"),
    /** Set when a moderator hides, restores or dismisses: the flag is then reviewed. */
    resolvedAt: timestamptz("resolved_at"),
    resolution: text("resolution"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("flags_once_per_user_uq").on(t.targetType, t.targetId, t.userId),
    index("flags_queue_idx").on(t.resolvedAt, t.createdAt),
  ],
);
