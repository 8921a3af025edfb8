import type { TableSpec } from "./bulk-insert";

/** Column lists of the tables the generator fills, in schema order (see db/schema/*.ts). */
export const TABLES = {
  users: {
    table: "users",
    columns: [["id", "uuid"], ["email", "text"], ["name", "text"], ["password_hash", "text"], ["global_role", "global_role"], ["created_at", "timestamptz"]],
  },
  cities: {
    table: "cities",
    columns: [["id", "uuid"], ["slug", "text"], ["name", "text"], ["country", "text"], ["region", "region"], ["population", "int"], ["approvals_required", "int"], ["is_pilot", "boolean"], ["created_at", "timestamptz"]],
  },
  memberships: {
    table: "memberships",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["user_id", "uuid"], ["role", "city_role"], ["department_name", "text"], ["organisation", "text"], ["revoked_at", "timestamptz"], ["created_at", "timestamptz"]],
  },
  assessments: {
    table: "assessments",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["cycle", "text"], ["framework_key", "text"], ["framework_version", "text"], ["status", "assessment_status"], ["approval_round", "int"], ["version", "int"], ["opened_by", "uuid"], ["copied_from_id", "uuid"], ["is_illustrative", "boolean"], ["published_at", "timestamptz"], ["withdrawn_at", "timestamptz"], ["withdrawn_reason", "text"], ["created_at", "timestamptz"], ["updated_at", "timestamptz"]],
  },
  approvals: {
    table: "assessment_approvals",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["round", "int"], ["user_id", "uuid"], ["comment", "text"], ["created_at", "timestamptz"]],
  },
  judgements: {
    table: "criterion_judgements",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["characteristic_key", "text"], ["criterion_key", "text"], ["judgement", "judgement"], ["note", "text"], ["evidence_ids", "uuid[]"], ["carried_over", "boolean"], ["version", "int"], ["updated_by", "uuid"], ["updated_at", "timestamptz"]],
  },
  ratings: {
    table: "characteristic_ratings",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["characteristic_key", "text"], ["level", "maturity_level"], ["justification", "text"], ["carried_over", "boolean"], ["version", "int"], ["updated_by", "uuid"], ["updated_at", "timestamptz"]],
  },
  storedFiles: {
    table: "stored_files",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["storage_key", "text"], ["filename", "text"], ["mime_type", "text"], ["size_bytes", "bigint"], ["sha256", "text"], ["uploaded_by", "uuid"], ["created_at", "timestamptz"]],
  },
  evidence: {
    table: "evidence",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["characteristic_key", "text"], ["kind", "evidence_kind"], ["status", "evidence_status"], ["author_id", "uuid"], ["author_role", "text"], ["title", "text"], ["current_revision", "int"], ["version", "int"], ["submitted_at", "timestamptz"], ["created_at", "timestamptz"], ["updated_at", "timestamptz"]],
  },
  revisions: {
    table: "evidence_revisions",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["evidence_id", "uuid"], ["revision", "int"], ["title", "text"], ["payload", "jsonb"], ["criterion_keys", "text[]"], ["file_id", "uuid"], ["created_by", "uuid"], ["created_at", "timestamptz"]],
  },
  reviews: {
    table: "evidence_reviews",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["evidence_id", "uuid"], ["revision", "int"], ["reviewer_id", "uuid"], ["decision", "evidence_status"], ["note", "text"], ["created_at", "timestamptz"]],
  },
  consultations: {
    table: "consultations",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["question", "text"], ["summary", "text"], ["characteristic_keys", "text[]"], ["closes_at", "timestamptz"], ["closed_at", "timestamptz"], ["created_by", "uuid"], ["created_at", "timestamptz"]],
  },
  feedback: {
    table: "feedback",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["consultation_id", "uuid"], ["characteristic_key", "text"], ["author_id", "uuid"], ["body", "text"], ["rating", "smallint"], ["suggestion", "text"], ["support_count", "int"], ["flag_count", "int"], ["moderation_state", "moderation_state"], ["moderation_reason", "text"], ["moderated_by", "uuid"], ["moderated_at", "timestamptz"], ["created_at", "timestamptz"]],
  },
  feedbackSupports: {
    table: "feedback_supports",
    columns: [["city_id", "uuid"], ["feedback_id", "uuid"], ["user_id", "uuid"], ["created_at", "timestamptz"]],
  },
  comments: {
    table: "comments",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["target_type", "comment_target"], ["target_key", "text"], ["evidence_id", "uuid"], ["visibility", "visibility"], ["parent_id", "uuid"], ["root_id", "uuid"], ["depth", "int"], ["author_id", "uuid"], ["body", "text"], ["edited_at", "timestamptz"], ["deleted_at", "timestamptz"], ["moderation_state", "moderation_state"], ["moderation_reason", "text"], ["moderated_by", "uuid"], ["moderated_at", "timestamptz"], ["flag_count", "int"], ["created_at", "timestamptz"]],
  },
  flags: {
    table: "flags",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["target_type", "flag_target"], ["target_id", "uuid"], ["user_id", "uuid"], ["reason", "flag_reason"], ["note", "text"], ["resolved_at", "timestamptz"], ["resolution", "text"], ["created_at", "timestamptz"]],
  },
  notifications: {
    table: "notifications",
    columns: [["id", "uuid"], ["city_id", "uuid"], ["user_id", "uuid"], ["kind", "text"], ["params", "jsonb"], ["href", "text"], ["read_at", "timestamptz"], ["created_at", "timestamptz"]],
  },
  auditEvents: {
    table: "audit_events",
    columns: [["id", "bigint"], ["chain_key", "text"], ["city_id", "uuid"], ["assessment_id", "uuid"], ["actor_id", "uuid"], ["actor_role", "text"], ["action", "text"], ["entity_type", "text"], ["entity_id", "text"], ["before", "jsonb"], ["after", "jsonb"], ["reason", "text"], ["created_at", "timestamptz"], ["prev_hash", "text"], ["hash", "text"]],
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;

/** Parents before children, so foreign keys hold when each chunk is written. */
export const INSERT_ORDER: readonly TableKey[] = [
  "users",
  "cities",
  "memberships",
  "assessments",
  "approvals",
  "storedFiles",
  "evidence",
  "revisions",
  "reviews",
  "judgements",
  "ratings",
  "consultations",
  "feedback",
  "feedbackSupports",
  "comments",
  "flags",
  "notifications",
  "auditEvents",
];
