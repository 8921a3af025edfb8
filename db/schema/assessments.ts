import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CharacteristicKey } from "../../shared/domain-values";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, versionColumn } from "./columns";
import { assessmentStatusEnum, judgementEnum, levelEnum } from "./enums";
import { cityIdColumn, userIdColumn, users } from "./identity";

export const assessments = pgTable(
  "assessments",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    cycle: text("cycle").notNull(),
    frameworkKey: text("framework_key").notNull(),
    frameworkVersion: text("framework_version").notNull(),
    status: assessmentStatusEnum("status").notNull().default("draft"),
    /** Bumped by every transition; approvals belong to one round. */
    approvalRound: integer("approval_round").notNull().default(1),
    version: versionColumn(),
    openedBy: uuid("opened_by").references(() => users.id),
    copiedFromId: uuid("copied_from_id"),
    /** Reference-dataset assessments: per-city levels are illustrative (see README). */
    isIllustrative: boolean("is_illustrative").notNull().default(false),
    /** The first publication: a withdrawal and republication never move it. */
    publishedAt: timestamptz("published_at"),
    /** The latest republication after a withdrawal (each one is also an `assessment.publish` audit event). */
    lastRepublishedAt: timestamptz("last_republished_at"),
    withdrawnAt: timestamptz("withdrawn_at"),
    withdrawnReason: text("withdrawn_reason"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex("assessments_city_cycle_uq").on(t.cityId, t.cycle),
    // One open (not yet published) assessment per city at a time.
    uniqueIndex("assessments_one_open_uq").on(t.cityId).where(sql`${t.status} <> 'published'`),
    index("assessments_status_idx").on(t.status, t.publishedAt),
  ],
);

/** The assessment a city-scoped row belongs to. */
export const assessmentIdColumn = () =>
  uuid("assessment_id")
    .notNull()
    .references(() => assessments.id);

/** A characteristic of the framework, by key (the nine keys of Annex 1). */
export const characteristicKeyColumn = () => text("characteristic_key").$type<CharacteristicKey>().notNull();

/**
 * What a rating row (a criterion judgement or a characteristic level) carries beside its value:
 * whether it was copied from the previous cycle and not yet confirmed, its optimistic-lock version,
 * and who changed it last and when.
 */
const ratingBookkeeping = () => ({
  /** Copied from the previous cycle as a starting point, not yet confirmed. */
  carriedOver: boolean("carried_over").notNull().default(false),
  version: versionColumn(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: updatedAtColumn(),
});

export const assessmentApprovals = pgTable(
  "assessment_approvals",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    assessmentId: assessmentIdColumn(),
    round: integer("round").notNull(),
    userId: userIdColumn("user_id"),
    comment: text("comment"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("approvals_once_per_round_uq").on(t.assessmentId, t.round, t.userId)],
);

export const criterionJudgements = pgTable(
  "criterion_judgements",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    assessmentId: assessmentIdColumn(),
    characteristicKey: characteristicKeyColumn(),
    criterionKey: text("criterion_key").notNull(),
    judgement: judgementEnum("judgement").notNull(),
    note: text("note"),
    /** Accepted evidence that supports the judgement. */
    evidenceIds: uuid("evidence_ids").array().notNull().default(sql`'{}'::uuid[]`),
    ...ratingBookkeeping(),
  },
  (t) => [uniqueIndex("judgements_assessment_criterion_uq").on(t.assessmentId, t.criterionKey)],
);

export const characteristicRatings = pgTable(
  "characteristic_ratings",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    assessmentId: assessmentIdColumn(),
    characteristicKey: characteristicKeyColumn(),
    level: levelEnum("level").notNull(),
    justification: text("justification"),
    ...ratingBookkeeping(),
  },
  (t) => [uniqueIndex("ratings_assessment_characteristic_uq").on(t.assessmentId, t.characteristicKey)],
);
