import type { CharacteristicKey } from "@/shared/domain-values";
import type { CriteriaLevel } from "./levels";

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

/** English from the white paper, Simplified Chinese translated for this platform. */
export type Localized = { en: string; zh: string };

/** A guiding question of Annex 1; sub-questions keep the paper's nesting. */
export type GuidingQuestion = {
  key: string;
  text: Localized;
  subQuestions: GuidingQuestion[];
};

export type Criterion = {
  /** Stable, e.g. `smart_city_strategy.basic.1`; assessments store judgements under it. */
  key: string;
  characteristicKey: CharacteristicKey;
  level: CriteriaLevel;
  text: Localized;
  /** Where the wording comes from, e.g. "Annex 2" or "Section 6.8". */
  source: string;
  /** Variant wording elsewhere in the paper (section 6), or an editorial remark. */
  note?: Localized;
};

export type Characteristic = {
  key: CharacteristicKey;
  /** 1-based position in Annex 1. */
  order: number;
  name: Localized;
  description: Localized;
  /** False when the paper gives no maturity criteria: reported as unrated, never scored. */
  rateable: boolean;
  questions: GuidingQuestion[];
  criteria: Criterion[];
};

export type ServiceCategory = {
  key: string;
  label: Localized;
  note?: Localized;
};

export type Framework = {
  key: string;
  version: string;
  title: Localized;
  /** Bibliographic citation of the document the data is taken from. */
  source: string;
  /** How assessors should read the criteria when judging them. */
  judgingGuidance?: Localized;
  characteristics: Characteristic[];
  serviceCategories: ServiceCategory[];
};
