import type { CharacteristicKey, Criterion, Framework } from "./framework-types";
import { FrameworkValidationError, validateFramework } from "./framework-registry";
import { CRITERIA_LEVELS, levelValue } from "./levels";

/**
 * Indexes precomputed once per framework edition so that scoring an assessment is a handful of
 * array reads. Criteria are laid out characteristic by characteristic, level by level, so each
 * level of each characteristic is one contiguous range of the flat criterion list.
 */
export type CompiledCharacteristic = {
  key: CharacteristicKey;
  index: number;
  rateable: boolean;
  /** Flat criterion index range [start, end) of this characteristic. */
  start: number;
  end: number;
  /** levelStart[v]..levelStart[v + 1] is the range of ladder value v (1 = basic .. 4 = state of the art). */
  levelStart: Int32Array;
  /** Criterion keys per ladder value, index 0 empty. */
  criterionKeysByLevel: string[][];
};

export type CompiledFramework = {
  framework: Framework;
  characteristics: CompiledCharacteristic[];
  characteristicIndex: Map<string, number>;
  criteria: Criterion[];
  criterionKeys: string[];
  criterionIndex: Map<string, number>;
  /** Ladder value (1..4) of each flat criterion. */
  criterionLevel: Int8Array;
  /** Characteristic index of each flat criterion. */
  criterionCharacteristic: Int16Array;
  /** Identifies the set of criterion keys and their levels; equal signatures mean comparable results. */
  criteriaSignature: string;
};

const cache = new WeakMap<Framework, CompiledFramework>();

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

function compile(framework: Framework): CompiledFramework {
  const validation = validateFramework(framework);
  if (!validation.ok) {
    throw new FrameworkValidationError(`${framework.key}@${framework.version}`, validation.problems);
  }
  const ordered = [...framework.characteristics].sort((a, b) => a.order - b.order);
  const criteria: Criterion[] = [];
  const characteristics: CompiledCharacteristic[] = ordered.map((characteristic, index) => {
    const start = criteria.length;
    const levelStart = new Int32Array(CRITERIA_LEVELS.length + 2);
    const criterionKeysByLevel: string[][] = [[]];
    levelStart[0] = start;
    levelStart[1] = start;
    CRITERIA_LEVELS.forEach((level, i) => {
      const ofLevel = characteristic.criteria.filter((c) => c.level === level);
      criteria.push(...ofLevel);
      criterionKeysByLevel.push(ofLevel.map((c) => c.key));
      levelStart[i + 2] = criteria.length;
    });
    return {
      key: characteristic.key,
      index,
      rateable: characteristic.rateable,
      start,
      end: criteria.length,
      levelStart,
      criterionKeysByLevel,
    };
  });
  const characteristicIndex = new Map<string, number>(characteristics.map((c) => [c.key, c.index]));
  const criterionKeys = criteria.map((c) => c.key);
  const criterionIndex = new Map<string, number>(criterionKeys.map((key, i) => [key, i]));
  const criterionLevel = Int8Array.from(criteria, (c) => levelValue(c.level) ?? 0);
  const criterionCharacteristic = Int16Array.from(criteria, (c) => characteristicIndex.get(c.characteristicKey) ?? -1);
  const criteriaSignature = fnv1a(
    criteria
      .map((c) => `${c.key}@${c.level}`)
      .sort()
      .join("\n"),
  );
  return {
    framework,
    characteristics,
    characteristicIndex,
    criteria,
    criterionKeys,
    criterionIndex,
    criterionLevel,
    criterionCharacteristic,
    criteriaSignature,
  };
}

/** Compiles (and validates) a framework edition once; later calls return the cached indexes. */
export function compileFramework(framework: Framework): CompiledFramework {
  let compiled = cache.get(framework);
  if (!compiled) {
    compiled = compile(framework);
    cache.set(framework, compiled);
  }
  return compiled;
}
