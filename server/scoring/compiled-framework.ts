import type { CharacteristicKey } from "@/shared/domain-values";
import { FrameworkValidationError, validateFramework } from "./framework-registry";
import type { Criterion, Framework } from "./framework-types";
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
  /** Index of a criterion key, -1 when unknown; faster than criterionIndex for fresh strings. */
  indexOfCriterion: (key: string) => number;
  /** Ladder value (1..4) of each flat criterion. */
  criterionLevel: Int8Array;
  /** Characteristic index of each flat criterion. */
  criterionCharacteristic: Int16Array;
  /** Identifies the set of criterion keys and their levels; equal signatures mean comparable results. */
  criteriaSignature: string;
  /** Judgement codes of the assessment being scored. Scoring is synchronous, so one buffer per
   *  edition is reused instead of allocating one per assessment. */
  scratchCodes: Uint8Array;
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

/**
 * Keys arriving from a request or the database are fresh strings, and hashing each one for a Map
 * lookup dominated scoring time. When the key's length and two of its characters tell all keys of
 * the edition apart, look up that small number instead and confirm with one string comparison.
 */
function keyLookup(keys: string[]): (key: string) => number {
  const byKey = new Map<string, number>(keys.map((key, i) => [key, i]));
  const fallback = (key: string): number => byKey.get(key) ?? -1;
  const longest = keys.reduce((max, key) => Math.max(max, key.length), 0);
  if (keys.length === 0 || keys.some((key) => key.length === 0)) return fallback;
  const signature = (key: string, fromStart: number, fromEnd: number): number =>
    (key.length * 65536 + key.charCodeAt(fromStart % key.length)) * 65536 + key.charCodeAt(key.length - 1 - (fromEnd % key.length));
  for (let fromStart = 0; fromStart < longest; fromStart++) {
    for (let fromEnd = 0; fromEnd < longest; fromEnd++) {
      const table = new Map<number, number>();
      for (let i = 0; i < keys.length && table.size === i; i++) table.set(signature(keys[i], fromStart, fromEnd), i);
      if (table.size !== keys.length) continue;
      return (key: string): number => {
        if (key.length === 0) return -1;
        const index = table.get(signature(key, fromStart, fromEnd));
        return index !== undefined && keys[index] === key ? index : -1;
      };
    }
  }
  return fallback;
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
    indexOfCriterion: keyLookup(criterionKeys),
    criterionLevel,
    criterionCharacteristic,
    criteriaSignature,
    scratchCodes: new Uint8Array(criteria.length),
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
