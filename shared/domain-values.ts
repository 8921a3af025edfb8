/**
 * The closed value sets of the domain, each written once: the database enums (`db/schema/enums.ts`
 * builds every `pgEnum` from these lists), the pure cores (scoring, workflow, permissions), the zod
 * schemas and the UI all read them from here.
 *
 * This module imports nothing, so every layer may import it: `db/` never imports `server/`, and
 * `server/scoring` never imports `db/`; both import this. Adding a value to a list that backs a
 * `pgEnum` changes the schema: generate a migration.
 */

// ---------------------------------------------------------------- cities and people

export const REGIONS = ["EU", "China", "other"] as const;

/** Roles a user holds inside one city. */
export const CITY_ROLES = ["leadership", "department", "partner", "citizen"] as const;
export type CityRole = (typeof CITY_ROLES)[number];

/** Roles that span all cities. */
export const GLOBAL_ROLES = ["expert", "admin"] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

// ---------------------------------------------------------------- the framework

export const CHARACTERISTIC_KEYS = [
  "smart_city_strategy",
  "stakeholders",
  "governance",
  "funding",
  "value_assessment",
  "business_models",
  "ict_infrastructure",
  "smart_city_services",
  "legal_regulatory_policies",
] as const;
export type CharacteristicKey = (typeof CHARACTERISTIC_KEYS)[number];

/** The characteristics industry partners contribute to: money, business models, infrastructure and services. */
export const PARTNER_CHARACTERISTICS = [
  "funding",
  "business_models",
  "ict_infrastructure",
  "smart_city_services",
] as const satisfies readonly CharacteristicKey[];

export function isPartnerCharacteristic(key: string): boolean {
  return (PARTNER_CHARACTERISTICS as readonly string[]).includes(key);
}

/**
 * The maturity ladder of the EU-China smart city framework (white paper 2014, Figure 3 and Annex 2).
 * Order matters: every comparison between levels goes through `levelValue` (server/scoring/levels.ts).
 */
export const MATURITY_LEVELS = ["not_yet_addressed", "basic", "average", "more_advanced", "state_of_the_art"] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/** `not_assessed` means no judgement was made; it is not a rung of the ladder. */
export type LevelOrNotAssessed = MaturityLevel | "not_assessed";

/** The six columns of Figure 3, in the order the paper prints them (also the `maturity_level` enum). */
export const FIGURE3_COLUMNS = [...MATURITY_LEVELS, "not_assessed"] as const satisfies readonly LevelOrNotAssessed[];

export const JUDGEMENTS = ["met", "partially_met", "not_met", "not_applicable"] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

// ---------------------------------------------------------------- workflow and evidence

export const ASSESSMENT_STATUSES = ["draft", "in_review", "rated", "approved", "published"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The lifecycle's transitions (server/workflow/assessment-lifecycle.ts defines what each one does). */
export const TRANSITION_NAMES = [
  "submit_for_review",
  "mark_rated",
  "return_to_draft",
  "approve",
  "withdraw_approval",
  "publish",
  "unpublish",
] as const;
export type TransitionName = (typeof TRANSITION_NAMES)[number];

export const EVIDENCE_KINDS = ["document", "link", "kpi", "ppp", "narrative"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_STATUSES = ["submitted", "accepted", "rejected", "changes_requested", "withdrawn"] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

// ---------------------------------------------------------------- participation and moderation

export const COMMENT_TARGET_TYPES = ["assessment", "characteristic", "evidence"] as const;
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

export const THREAD_VISIBILITIES = ["internal", "public"] as const;
export type ThreadVisibility = (typeof THREAD_VISIBILITIES)[number];

/** ok: shown; auto_hidden: hidden by the flag threshold pending review; hidden: hidden by a moderator. */
export const MODERATION_STATES = ["ok", "auto_hidden", "hidden"] as const;

export const FLAG_TARGET_TYPES = ["comment", "feedback"] as const;
export type FlagTargetType = (typeof FLAG_TARGET_TYPES)[number];

export const FLAG_REASONS = ["spam", "offensive", "off_topic"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
