import { describe, expect, it } from "vitest";
import type { CriteriaLevel } from "@/server/scoring/levels";
import type { CharacteristicKey, Judgement, MaturityLevel } from "@/shared/domain-values";
import { criteriaOf, inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

/** Judgements putting each listed characteristic at exactly the given level. */
function atLevels(levels: Partial<Record<CharacteristicKey, MaturityLevel>>): Record<string, Judgement> {
  const judgements: Record<string, Judgement> = {};
  for (const [key, level] of Object.entries(levels) as [CharacteristicKey, MaturityLevel][]) {
    for (const criterion of criteriaOf(key)) judgements[criterion] = "not_met";
    if (level !== "not_yet_addressed") Object.assign(judgements, meetUpTo(key, level as CriteriaLevel));
  }
  return judgements;
}

describe("balance (no isolated advances)", () => {
  it("flags characteristics two or more levels above or below the median of rated characteristics", () => {
    const score = scoreOk(
      inputOf(
        atLevels({
          smart_city_strategy: "average",
          stakeholders: "average",
          governance: "average",
          funding: "average",
          value_assessment: "average",
          business_models: "not_yet_addressed",
          ict_infrastructure: "state_of_the_art",
          smart_city_services: "average",
        }),
      ),
    );
    expect(score.balance).toEqual({
      median: 2,
      spread: 4,
      flags: [
        { characteristicKey: "business_models", level: "not_yet_addressed", direction: "below", distance: 2 },
        { characteristicKey: "ict_infrastructure", level: "state_of_the_art", direction: "above", distance: 2 },
      ],
    });
  });

  it("does not flag characteristics less than two levels from the median", () => {
    const score = scoreOk(
      inputOf(
        atLevels({
          smart_city_strategy: "basic",
          stakeholders: "basic",
          governance: "basic",
          funding: "basic",
          value_assessment: "more_advanced",
          business_models: "more_advanced",
          ict_infrastructure: "more_advanced",
          smart_city_services: "more_advanced",
        }),
      ),
    );
    expect(score.balance).toEqual({ median: 2, spread: 2, flags: [] });
  });

  it("takes the mean of the two middle levels for an even count, and flags from there", () => {
    const score = scoreOk(
      inputOf(atLevels({ smart_city_strategy: "basic", stakeholders: "average", governance: "state_of_the_art", funding: "basic" })),
    );
    expect(score.balance.median).toBe(1.5);
    expect(score.balance.flags).toEqual([
      { characteristicKey: "governance", level: "state_of_the_art", direction: "above", distance: 2.5 },
    ]);
  });

  it("leaves not assessed and unrated characteristics out of the median", () => {
    const score = scoreOk(inputOf(atLevels({ funding: "basic", governance: "more_advanced", stakeholders: "average" })));
    expect(score.balance).toEqual({ median: 2, spread: 2, flags: [] });
  });

  it("reports no median and no spread when no characteristic has a level", () => {
    expect(scoreOk(inputOf({})).balance).toEqual({ median: null, spread: null, flags: [] });
  });

  it("uses the expert's final level", () => {
    const score = scoreOk(
      inputOf(atLevels({ funding: "basic", governance: "basic", stakeholders: "basic" }), [
        { characteristicKey: "governance", level: "state_of_the_art", justification: "Expert review" },
      ]),
    );
    expect(score.balance.flags).toEqual([{ characteristicKey: "governance", level: "state_of_the_art", direction: "above", distance: 3 }]);
  });
});
