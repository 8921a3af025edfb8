import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { evidenceKindEnum, evidenceStatusEnum } from "./enums";
import { cities, users } from "./identity";

export const storedFiles = pgTable(
  "stored_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("stored_files_city_idx").on(t.cityId)],
);

export const evidence = pgTable(
  "evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    characteristicKey: text("characteristic_key").notNull(),
    kind: evidenceKindEnum("kind").notNull(),
    status: evidenceStatusEnum("status").notNull().default("submitted"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    authorRole: text("author_role").notNull(),
    /** Denormalised from the current revision for lists. */
    title: text("title").notNull(),
    currentRevision: integer("current_revision").notNull().default(1),
    version: integer("version").notNull().default(1),
    /** When the current revision entered the queue: the review queue sorts oldest first by it. */
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("evidence_queue_idx").on(t.status, t.submittedAt, t.id),
    index("evidence_assessment_idx").on(t.assessmentId, t.characteristicKey, t.status),
    index("evidence_city_idx").on(t.cityId, t.status),
    index("evidence_author_idx").on(t.authorId, t.updatedAt),
  ],
);

export const evidenceRevisions = pgTable(
  "evidence_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    revision: integer("revision").notNull(),
    title: text("title").notNull(),
    /** Kind-specific fields, validated by the evidence zod schemas before they get here. */
    payload: jsonb("payload").notNull(),
    criterionKeys: text("criterion_keys").array().notNull().default(sql`'{}'::text[]`),
    fileId: uuid("file_id").references(() => storedFiles.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evidence_revisions_uq").on(t.evidenceId, t.revision)],
);

export const evidenceReviews = pgTable(
  "evidence_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: uuid("city_id")
      .notNull()
      .references(() => cities.id),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidence.id),
    revision: integer("revision").notNull(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    decision: evidenceStatusEnum("decision").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("evidence_reviews_evidence_idx").on(t.evidenceId, t.createdAt)],
);
