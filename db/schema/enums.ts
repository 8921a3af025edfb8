import { pgEnum } from "drizzle-orm/pg-core";

export const regionEnum = pgEnum("region", ["EU", "China", "other"]);
/** Roles a user holds inside one city. */
export const cityRoleEnum = pgEnum("city_role", ["leadership", "department", "partner", "citizen"]);
/** Roles that span all cities. */
export const globalRoleEnum = pgEnum("global_role", ["expert", "admin"]);
export const assessmentStatusEnum = pgEnum("assessment_status", [
  "draft",
  "in_review",
  "rated",
  "approved",
  "published",
]);
export const evidenceKindEnum = pgEnum("evidence_kind", ["document", "link", "kpi", "ppp", "narrative"]);
export const evidenceStatusEnum = pgEnum("evidence_status", [
  "submitted",
  "accepted",
  "rejected",
  "changes_requested",
  "withdrawn",
]);
export const judgementEnum = pgEnum("judgement", ["met", "partially_met", "not_met", "not_applicable"]);
export const levelEnum = pgEnum("maturity_level", [
  "not_yet_addressed",
  "basic",
  "average",
  "more_advanced",
  "state_of_the_art",
  "not_assessed",
]);
export const commentTargetEnum = pgEnum("comment_target", ["assessment", "characteristic", "evidence"]);
export const visibilityEnum = pgEnum("visibility", ["internal", "public"]);
/** ok: shown; auto_hidden: hidden by the flag threshold pending review; hidden: hidden by a moderator. */
export const moderationStateEnum = pgEnum("moderation_state", ["ok", "auto_hidden", "hidden"]);
export const flagTargetEnum = pgEnum("flag_target", ["comment", "feedback"]);
export const flagReasonEnum = pgEnum("flag_reason", ["spam", "offensive", "off_topic"]);
