import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { assessmentIdColumn, characteristicKeyColumn } from "./assessments";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, versionColumn } from "./columns";
import { evidenceKindEnum, evidenceStatusEnum } from "./enums";
import { cityIdColumn, userIdColumn } from "./identity";

export const storedFiles = pgTable(
  "stored_files",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: userIdColumn("uploaded_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("stored_files_city_idx").on(t.cityId)],
);

export const evidence = pgTable(
  "evidence",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    assessmentId: assessmentIdColumn(),
    characteristicKey: characteristicKeyColumn(),
    kind: evidenceKindEnum("kind").notNull(),
    status: evidenceStatusEnum("status").notNull().default("submitted"),
    authorId: userIdColumn("author_id"),
    authorRole: text("author_role").notNull(),
    /** Denormalised from the current revision for lists. */
    title: text("title").notNull(),
    currentRevision: integer("current_revision").notNull().default(1),
    /**
     * The contributor's choice at submission: once the assessment is published, may the public see
     * the content itself (a document's file, a link's address, a KPI's value)? Defaults by kind
     * (evidence-schemas.ts defaultPublicContent): documents no, links and KPIs yes.
     */
    publicContent: boolean("public_content").notNull().default(false),
    /**
     * Set when the author's account is erased (server/privacy/erasure.ts): the evidence stays with the
     * city and is shown as the department's. `attributedTo` is the author's department (or partner
     * organisation) in this city at erasure time, null when they had none ("City department" is shown).
     * The published-assessment freeze lets exactly these two columns change (migration 0016).
     */
    attributedTo: text("attributed_to"),
    attributedAt: timestamptz("attributed_at"),
    version: versionColumn(),
    /** When the current revision entered the queue: the review queue sorts oldest first by it. */
    submittedAt: timestamptz("submitted_at").notNull().defaultNow(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index("evidence_queue_idx").on(t.status, t.submittedAt, t.id),
    index("evidence_assessment_idx").on(t.assessmentId, t.characteristicKey, t.status),
    index("evidence_city_idx").on(t.cityId, t.status),
    index("evidence_author_idx").on(t.authorId, t.updatedAt),
  ],
);

/** The evidence row a revision or a review belongs to. */
const evidenceIdColumn = () =>
  uuid("evidence_id")
    .notNull()
    .references(() => evidence.id);

export const evidenceRevisions = pgTable(
  "evidence_revisions",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    evidenceId: evidenceIdColumn(),
    revision: integer("revision").notNull(),
    title: text("title").notNull(),
    /** Kind-specific fields, validated by the evidence zod schemas before they get here. */
    payload: jsonb("payload").notNull(),
    criterionKeys: text("criterion_keys").array().notNull().default(sql`'{}'::text[]`),
    fileId: uuid("file_id").references(() => storedFiles.id),
    createdBy: userIdColumn("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("evidence_revisions_uq").on(t.evidenceId, t.revision)],
);

export const evidenceReviews = pgTable(
  "evidence_reviews",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    evidenceId: evidenceIdColumn(),
    revision: integer("revision").notNull(),
    reviewerId: userIdColumn("reviewer_id"),
    decision: evidenceStatusEnum("decision").notNull(),
    note: text("note"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("evidence_reviews_evidence_idx").on(t.evidenceId, t.createdAt)],
);
