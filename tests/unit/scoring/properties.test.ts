import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CohortEntry, cohortBenchmark } from "@/server/scoring/cohort-benchmark";
import { CRITERIA_LEVELS, levelValue } from "@/server/scoring/levels";
import { type AssessmentInput, type AssessmentScore, scoreAssessment } from "@/server/scoring/score-assessment";
import {
  type CharacteristicKey,
  FIGURE3_COLUMNS,
  JUDGEMENTS,
  type Judgement,
  type LevelOrNotAssessed,
  MATURITY_LEVELS,
} from "@/shared/domain-values";
import { framework, RATEABLE_KEYS } from "./scoring-fixtures";

const criteria = framework.characteristics.flatMap((c) => c.criteria);

/** Each criterion judged one of the four ways, or not judged yet (undefined). */
const judgementsArb = fc.array(fc.option(fc.constantFrom(...JUDGEMENTS), { nil: undefined }), {
  minLength: criteria.length,
  maxLength: criteria.length,
});

function inputFrom(judgements: (Judgement | undefined)[]): AssessmentInput {
  return {
    frameworkKey: framework.key,
    frameworkVersion: framework.version,
    judgements: criteria.flatMap((criterion, i) => {
      const judgement = judgements[i];
      return judgement === undefined ? [] : [{ criterionKey: criterion.key, judgement }];
    }),
  };
}

function score(input: AssessmentInput): AssessmentScore {
  const result = scoreAssessment(framework, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function derived(value: AssessmentScore, key: CharacteristicKey): LevelOrNotAssessed {
  return value.characteristics.find((c) => c.key === key)!.derivedLevel;
}

/** The staircase written the slow, obvious way, as an oracle for the engine. */
function staircaseOracle(judgementOf: (key: string) => Judgement | undefined, key: CharacteristicKey): LevelOrNotAssessed {
  const own = criteria.filter((c) => c.characteristicKey === key);
  const judged = own.filter((c) => judgementOf(c.key) !== undefined);
  if (judged.length === 0 || own.every((c) => judgementOf(c.key) === "not_applicable")) return "not_assessed";
  let reached: LevelOrNotAssessed = "not_yet_addressed";
  for (const level of CRITERIA_LEVELS) {
    const atLevel = own.filter((c) => c.level === level);
    const applicable = atLevel.filter((c) => judgementOf(c.key) !== "not_applicable");
    if (!applicable.every((c) => judgementOf(c.key) === "met")) break;
    if (applicable.length > 0) reached = level;
  }
  return reached;
}

describe("scoring properties", () => {
  it("derives the same level as the written-out staircase rule", () => {
    fc.assert(
      fc.property(judgementsArb, (judgements) => {
        const value = score(inputFrom(judgements));
        const judgementOf = (key: string) => judgements[criteria.findIndex((c) => c.key === key)];
        for (const key of RATEABLE_KEYS) expect(derived(value, key)).toBe(staircaseOracle(judgementOf, key));
      }),
    );
  });

  it("meeting one more criterion never lowers a derived level", () => {
    fc.assert(
      fc.property(judgementsArb, fc.nat({ max: criteria.length - 1 }), (judgements, index) => {
        const before = score(inputFrom(judgements));
        const improved = [...judgements];
        improved[index] = "met";
        const after = score(inputFrom(improved));
        for (const key of RATEABLE_KEYS) {
          const was = levelValue(derived(before, key));
          const now = levelValue(derived(after, key));
          if (was !== null) expect(now).not.toBeNull();
          if (was !== null && now !== null) expect(now).toBeGreaterThanOrEqual(was);
        }
      }),
    );
  });

  it("a derived level never skips an unmet lower-level criterion", () => {
    fc.assert(
      fc.property(judgementsArb, (judgements) => {
        const value = score(inputFrom(judgements));
        for (const characteristic of value.characteristics) {
          const reached = levelValue(characteristic.derivedLevel);
          if (reached === null) continue;
          criteria.forEach((criterion, i) => {
            if (criterion.characteristicKey !== characteristic.key) return;
            if ((levelValue(criterion.level) ?? 0) > reached) return;
            expect(["met", "not_applicable"]).toContain(judgements[i]);
          });
          for (const ahead of characteristic.aheadOfStaircase) {
            expect(levelValue(criteria.find((c) => c.key === ahead)!.level)).toBeGreaterThan(reached);
          }
        }
      }),
    );
  });

  it("results are deterministic and do not depend on the order of judgements or ratings", () => {
    const ratingsArb = fc.uniqueArray(
      fc.record({
        characteristicKey: fc.constantFrom(...RATEABLE_KEYS),
        level: fc.constantFrom(...FIGURE3_COLUMNS),
        justification: fc.constant("Expert group review"),
      }),
      { selector: (r) => r.characteristicKey, maxLength: 4 },
    );
    fc.assert(
      fc.property(judgementsArb, ratingsArb, fc.integer(), (judgements, ratings, seed) => {
        const input = { ...inputFrom(judgements), ratings };
        const shuffled = {
          ...input,
          judgements: shuffle(input.judgements, seed),
          ratings: shuffle(ratings, seed + 1),
        };
        const first = scoreAssessment(framework, input);
        expect(scoreAssessment(framework, input)).toEqual(first);
        expect(scoreAssessment(framework, shuffled)).toEqual(first);
      }),
    );
  });

  it("cohort shares of a group sum to 100 within rounding, and counts to the group's city count", () => {
    fc.assert(
      fc.property(cohortArb(), (entries) => {
        for (const group of cohortBenchmark(framework, entries).groups) {
          for (const row of group.rows) {
            const counts = FIGURE3_COLUMNS.map((level) => row.counts[level]);
            const shares = FIGURE3_COLUMNS.map((level) => row.shares[level]);
            expect(counts.reduce((a, b) => a + b, 0)).toBe(group.cityCount);
            const used = counts.filter((count) => count > 0).length;
            expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(used / 2);
          }
        }
      }),
    );
  });

  it("a cohort benchmark does not depend on the order of its entries", () => {
    fc.assert(
      fc.property(cohortArb(), fc.integer(), (entries, seed) => {
        expect(cohortBenchmark(framework, shuffle(entries, seed))).toEqual(cohortBenchmark(framework, entries));
      }),
    );
  });

  it("never throws, whatever the input", () => {
    const untrusted = fc.anything({ withNullPrototype: true, withBoxedValues: true, withObjectString: true, withBigInt: true });
    fc.assert(
      // Prototype-less objects and boxed values too: String() throws on some of them.
      fc.property(untrusted, untrusted, untrusted, (judgements, ratings, version) => {
        const input = { frameworkKey: framework.key, frameworkVersion: version, judgements, ratings };
        const result = scoreAssessment(framework, input as AssessmentInput);
        expect(typeof result.ok).toBe("boolean");
      }),
    );
  });
});

function cohortArb(): fc.Arbitrary<CohortEntry[]> {
  const levelsArb = fc.dictionary(
    fc.constantFrom(...framework.characteristics.map((c) => c.key)),
    fc.constantFrom<LevelOrNotAssessed>(...MATURITY_LEVELS, "not_assessed"),
  );
  return fc.array(fc.record({ group: fc.constantFrom("China", "EU", "cycle-2014"), levels: levelsArb }), {
    maxLength: 60,
  }) as fc.Arbitrary<CohortEntry[]>;
}

/** Deterministic Fisher-Yates shuffle driven by a seed, so failures replay. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
