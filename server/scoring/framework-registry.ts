import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";
import type { Framework, GuidingQuestion, Localized } from "./framework-types";
import { EU_CHINA_2014 } from "./frameworks/eu-china-2014";
import { CRITERIA_LEVELS, type CriteriaLevel } from "./levels";

export type FrameworkValidation = { ok: true } | { ok: false; problems: string[] };

export class FrameworkValidationError extends Error {
  readonly problems: string[];
  constructor(frameworkLabel: string, problems: string[]) {
    super(`Framework ${frameworkLabel} is invalid:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "FrameworkValidationError";
    this.problems = problems;
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

function checkLocalized(value: Localized | undefined, path: string, problems: string[]): void {
  if (!value || typeof value !== "object") {
    problems.push(`${path}: missing localized text`);
    return;
  }
  if (!isNonEmptyString(value.en)) problems.push(`${path}.en: empty`);
  if (!isNonEmptyString(value.zh)) problems.push(`${path}.zh: empty`);
}

function checkQuestions(questions: GuidingQuestion[] | undefined, path: string, seen: Set<string>, problems: string[]): void {
  if (!Array.isArray(questions)) {
    problems.push(`${path}: not a list`);
    return;
  }
  questions.forEach((question, i) => {
    const at = `${path}[${i}]`;
    if (!isNonEmptyString(question?.key)) {
      problems.push(`${at}.key: empty`);
    } else if (seen.has(question.key)) {
      problems.push(`${at}.key: duplicate question key "${question.key}"`);
    } else {
      seen.add(question.key);
    }
    checkLocalized(question?.text, `${at}.text`, problems);
    checkQuestions(question?.subQuestions, `${at}.subQuestions`, seen, problems);
  });
}

/**
 * Checks a framework edition and reports every problem at once: unique keys (characteristics,
 * questions, criteria, service categories), all nine characteristics present, every level of a
 * rateable characteristic has criteria, an unrateable one has none, criteria point at the
 * characteristic that holds them, and every text exists in every locale.
 */
export function validateFramework(framework: Framework): FrameworkValidation {
  const problems: string[] = [];
  if (!framework || typeof framework !== "object") return { ok: false, problems: ["framework: not an object"] };
  if (!isNonEmptyString(framework.key)) problems.push("key: empty");
  if (!isNonEmptyString(framework.version)) problems.push("version: empty");
  checkLocalized(framework.title, "title", problems);
  if (!isNonEmptyString(framework.source)) problems.push("source: empty");
  if (framework.judgingGuidance !== undefined) checkLocalized(framework.judgingGuidance, "judgingGuidance", problems);

  const characteristics = Array.isArray(framework.characteristics) ? framework.characteristics : [];
  if (!Array.isArray(framework.characteristics)) problems.push("characteristics: not a list");

  const knownCharacteristics = new Set<string>(CHARACTERISTIC_KEYS);
  const characteristicKeys = new Set<string>();
  const orders = new Set<number>();
  const questionKeys = new Set<string>();
  const criterionKeys = new Set<string>();

  characteristics.forEach((characteristic, i) => {
    const at = `characteristics[${i}]`;
    const key = characteristic?.key as string;
    if (!knownCharacteristics.has(key)) {
      problems.push(`${at}.key: unknown characteristic "${String(key)}"`);
    } else if (characteristicKeys.has(key)) {
      problems.push(`${at}.key: duplicate characteristic "${key}"`);
    } else {
      characteristicKeys.add(key);
    }
    if (!Number.isInteger(characteristic?.order) || characteristic.order < 1) {
      problems.push(`${at}.order: must be a positive integer`);
    } else if (orders.has(characteristic.order)) {
      problems.push(`${at}.order: duplicate order ${characteristic.order}`);
    } else {
      orders.add(characteristic.order);
    }
    checkLocalized(characteristic?.name, `${at}.name`, problems);
    checkLocalized(characteristic?.description, `${at}.description`, problems);
    if (typeof characteristic?.rateable !== "boolean") problems.push(`${at}.rateable: must be a boolean`);
    checkQuestions(characteristic?.questions, `${at}.questions`, questionKeys, problems);

    const criteria = Array.isArray(characteristic?.criteria) ? characteristic.criteria : [];
    if (!Array.isArray(characteristic?.criteria)) problems.push(`${at}.criteria: not a list`);
    const perLevel = new Map<CriteriaLevel, number>();
    criteria.forEach((criterion, j) => {
      const cat = `${at}.criteria[${j}]`;
      if (!isNonEmptyString(criterion?.key)) {
        problems.push(`${cat}.key: empty`);
      } else if (criterionKeys.has(criterion.key)) {
        problems.push(`${cat}.key: duplicate criterion key "${criterion.key}"`);
      } else {
        criterionKeys.add(criterion.key);
      }
      if (criterion?.characteristicKey !== key) {
        problems.push(
          `${cat}.characteristicKey: "${String(criterion?.characteristicKey)}" does not reference its characteristic "${String(key)}"`,
        );
      }
      if (!(CRITERIA_LEVELS as readonly string[]).includes(criterion?.level)) {
        problems.push(`${cat}.level: unknown level "${String(criterion?.level)}"`);
      } else {
        perLevel.set(criterion.level, (perLevel.get(criterion.level) ?? 0) + 1);
      }
      checkLocalized(criterion?.text, `${cat}.text`, problems);
      if (!isNonEmptyString(criterion?.source)) problems.push(`${cat}.source: empty`);
      if (criterion?.note !== undefined) checkLocalized(criterion.note, `${cat}.note`, problems);
    });
    if (characteristic?.rateable === true) {
      for (const level of CRITERIA_LEVELS) {
        if (!perLevel.get(level)) problems.push(`${at}: level "${level}" has no criteria`);
      }
    } else if (characteristic?.rateable === false && criteria.length > 0) {
      problems.push(`${at}: an unrateable characteristic must not have criteria`);
    }
  });
  for (const key of CHARACTERISTIC_KEYS) {
    if (!characteristicKeys.has(key)) problems.push(`characteristics: "${key}" is missing`);
  }

  const categories = Array.isArray(framework.serviceCategories) ? framework.serviceCategories : [];
  if (!Array.isArray(framework.serviceCategories)) problems.push("serviceCategories: not a list");
  const categoryKeys = new Set<string>();
  categories.forEach((category, i) => {
    const at = `serviceCategories[${i}]`;
    if (!isNonEmptyString(category?.key)) {
      problems.push(`${at}.key: empty`);
    } else if (categoryKeys.has(category.key)) {
      problems.push(`${at}.key: duplicate service category "${category.key}"`);
    } else {
      categoryKeys.add(category.key);
    }
    checkLocalized(category?.label, `${at}.label`, problems);
    if (category?.note !== undefined) checkLocalized(category.note, `${at}.note`, problems);
  });

  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

/** Validates an edition and freezes it; throws a FrameworkValidationError listing every problem. */
export function loadFramework(framework: Framework): Framework {
  const validation = validateFramework(framework);
  if (!validation.ok) {
    throw new FrameworkValidationError(`${String(framework?.key)}@${String(framework?.version)}`, validation.problems);
  }
  return deepFreeze(framework);
}

const FRAMEWORKS: readonly Framework[] = [loadFramework(EU_CHINA_2014)];

const BY_KEY_AND_VERSION = new Map<string, Framework>(FRAMEWORKS.map((f) => [`${f.key}@${f.version}`, f]));

export const CURRENT_FRAMEWORK_KEY = EU_CHINA_2014.key;
export const CURRENT_FRAMEWORK_VERSION = EU_CHINA_2014.version;

/** The edition an assessment was pinned to; undefined when no such edition is registered. */
export function getFramework(key: string, version: string): Framework | undefined {
  return BY_KEY_AND_VERSION.get(`${key}@${version}`);
}

/** The edition new assessments start on. */
export function currentFramework(): Framework {
  const framework = getFramework(CURRENT_FRAMEWORK_KEY, CURRENT_FRAMEWORK_VERSION);
  if (!framework) throw new Error("The current framework edition is not registered");
  return framework;
}

/** Every registered edition, oldest first. */
