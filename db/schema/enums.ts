import { pgEnum } from "drizzle-orm/pg-core";
import {
  ASSESSMENT_STATUSES,
  CITY_ROLES,
  COMMENT_TARGET_TYPES,
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  FIGURE3_COLUMNS,
  FLAG_REASONS,
  FLAG_TARGET_TYPES,
  GLOBAL_ROLES,
  JUDGEMENTS,
  MODERATION_STATES,
  REGIONS,
  THREAD_VISIBILITIES,
} from "../../shared/domain-values";

// The value lists live in shared/domain-values.ts (imported by the pure cores and the UI as well).
export const regionEnum = pgEnum("region", REGIONS);
export const cityRoleEnum = pgEnum("city_role", CITY_ROLES);
export const globalRoleEnum = pgEnum("global_role", GLOBAL_ROLES);
export const assessmentStatusEnum = pgEnum("assessment_status", ASSESSMENT_STATUSES);
export const evidenceKindEnum = pgEnum("evidence_kind", EVIDENCE_KINDS);
export const evidenceStatusEnum = pgEnum("evidence_status", EVIDENCE_STATUSES);
export const judgementEnum = pgEnum("judgement", JUDGEMENTS);
export const levelEnum = pgEnum("maturity_level", FIGURE3_COLUMNS);
export const commentTargetEnum = pgEnum("comment_target", COMMENT_TARGET_TYPES);
export const visibilityEnum = pgEnum("visibility", THREAD_VISIBILITIES);
export const moderationStateEnum = pgEnum("moderation_state", MODERATION_STATES);
export const flagTargetEnum = pgEnum("flag_target", FLAG_TARGET_TYPES);
export const flagReasonEnum = pgEnum("flag_reason", FLAG_REASONS);
