import { index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { evidence } from "./evidence";
import {
  commentTargetEnum,
  flagReasonEnum,
  flagTargetEnum,
  moderationStateEnum,
  visibilityEnum,
} from "./enums";
import { cities, users } from "./identity";

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    targetType: commentTargetEnum("target_type").notNull(),
    /** Characteristic key or evidence id; for an assessment thread, the assessment id. */
    targetKey: text("target_key").notNull(),
    evidenceId: uuid("evidence_id").references(() => evidence.id),
    visibility: visibilityEnum("visibility").notNull(),
    parentId: uuid("parent_id"),
    /** The top-level comment of the thread (itself for a top-level comment); pages are of roots. */
    rootId: uuid("root_id"),
    depth: integer("depth").notNull().default(0),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    moderationState: moderationStateEnum("moderation_state").notNull().default("ok"),
    moderationReason: text("moderation_reason"),
    moderatedBy: uuid("moderated_by"),
    moderatedAt: timestamp("moderated_at", { withTimezone: true, mode: "date" }),
    flagCount: integer("flag_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
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
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    question: text("question").notNull(),
    summary: text("summary").notNull(),
    characteristicKeys: text("characteristic_keys").array().notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true, mode: "date" }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("consultations_city_idx").on(t.cityId, t.closesAt)],
);

export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => consultations.id),
    characteristicKey: text("characteristic_key").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    rating: smallint("rating"),
    suggestion: text("suggestion"),
    supportCount: integer("support_count").notNull().default(0),
    flagCount: integer("flag_count").notNull().default(0),
    moderationState: moderationStateEnum("moderation_state").notNull().default("ok"),
    moderationReason: text("moderation_reason"),
    moderatedBy: uuid("moderated_by"),
    moderatedAt: timestamp("moderated_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
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
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    feedbackId: uuid("feedback_id")
      .notNull()
      .references(() => feedback.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("feedback_supports_once_uq").on(t.feedbackId, t.userId)],
);

export const flags = pgTable(
  "flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    targetType: flagTargetEnum("target_type").notNull(),
    targetId: uuid("target_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reason: flagReasonEnum("reason").notNull(),
    note: text("note"),
    /** Set when a moderator hides, restores or dismisses: the flag is then reviewed. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolution: text("resolution"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("flags_once_per_user_uq").on(t.targetType, t.targetId, t.userId),
    index("flags_queue_idx").on(t.resolvedAt, t.createdAt),
  ],
);
