import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assessmentStatusEnum, judgementEnum, levelEnum } from "./enums";
import { cities, users } from "./identity";

export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    cycle: text("cycle").notNull(),
    frameworkKey: text("framework_key").notNull(),
    frameworkVersion: text("framework_version").notNull(),
    status: assessmentStatusEnum("status").notNull().default("draft"),
    /** Bumped by every transition; approvals belong to one round. */
    approvalRound: integer("approval_round").notNull().default(1),
    version: integer("version").notNull().default(1),
    openedBy: uuid("opened_by").references(() => users.id),
    copiedFromId: uuid("copied_from_id"),
    /** Reference-dataset assessments: per-city levels are illustrative (see README). */
    isIllustrative: boolean("is_illustrative").notNull().default(false),
    /** The first publication: a withdrawal and republication never move it. */
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    /** The latest republication after a withdrawal (each one is also an `assessment.publish` audit event). */
    lastRepublishedAt: timestamp("last_republished_at", { withTimezone: true, mode: "date" }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, mode: "date" }),
    withdrawnReason: text("withdrawn_reason"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("assessments_city_cycle_uq").on(t.cityId, t.cycle),
    // One open (not yet published) assessment per city at a time.
    uniqueIndex("assessments_one_open_uq").on(t.cityId).where(sql`${t.status} <> 'published'`),
    index("assessments_status_idx").on(t.status, t.publishedAt),
  ],
);

export const assessmentApprovals = pgTable(
  "assessment_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    round: integer("round").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("approvals_once_per_round_uq").on(t.assessmentId, t.round, t.userId)],
);

export const criterionJudgements = pgTable(
  "criterion_judgements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    characteristicKey: text("characteristic_key").notNull(),
    criterionKey: text("criterion_key").notNull(),
    judgement: judgementEnum("judgement").notNull(),
    note: text("note"),
    /** Accepted evidence that supports the judgement. */
    evidenceIds: uuid("evidence_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Copied from the previous cycle as a starting point, not yet confirmed. */
    carriedOver: boolean("carried_over").notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("judgements_assessment_criterion_uq").on(t.assessmentId, t.criterionKey)],
);

export const characteristicRatings = pgTable(
  "characteristic_ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    characteristicKey: text("characteristic_key").notNull(),
    level: levelEnum("level").notNull(),
    justification: text("justification"),
    carriedOver: boolean("carried_over").notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ratings_assessment_characteristic_uq").on(t.assessmentId, t.characteristicKey)],
);
