import { describe, expect, it } from "vitest";
import { inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

describe("roadmap (next step on the staircase)", () => {
  it("lists, for each characteristic, the unmet criteria of the next level", () => {
    const score = scoreOk(
      inputOf({
        ...meetUpTo("smart_city_strategy", "basic"),
        "smart_city_strategy.average.1": "met",
        "smart_city_strategy.average.2": "partially_met",
      }),
    );
    expect(score.roadmap.find((step) => step.characteristicKey === "smart_city_strategy")).toEqual({
      characteristicKey: "smart_city_strategy",
      currentLevel: "basic",
      nextLevel: "average",
      unmetCriteria: ["smart_city_strategy.average.2", "smart_city_strategy.average.3"],
      lagging: false,
      status: "advance",
    });
  });

  it("leaves out criteria of the next level judged not applicable", () => {
    const score = scoreOk(inputOf({ ...meetUpTo("ict_infrastructure", "basic"), "ict_infrastructure.average.1": "not_applicable" }));
    expect(score.roadmap.find((step) => step.characteristicKey === "ict_infrastructure")?.unmetCriteria).toEqual([
      "ict_infrastructure.average.2",
    ]);
  });

  it("puts lagging characteristics first: lowest level first, then framework order", () => {
    const score = scoreOk(
      inputOf({
        ...meetUpTo("smart_city_strategy", "more_advanced"),
        ...meetUpTo("stakeholders", "basic"),
        ...meetUpTo("governance", "more_advanced"),
        ...meetUpTo("funding", "basic"),
        ...meetUpTo("value_assessment", "state_of_the_art"),
        "business_models.basic.1": "not_met",
        ...meetUpTo("ict_infrastructure", "average"),
      }),
    );
    expect(score.roadmap.map((step) => [step.characteristicKey, step.currentLevel, step.lagging])).toEqual([
      ["business_models", "not_yet_addressed", true],
      ["stakeholders", "basic", true],
      ["funding", "basic", true],
      ["ict_infrastructure", "average", false],
      ["smart_city_strategy", "more_advanced", false],
      ["governance", "more_advanced", false],
      ["value_assessment", "state_of_the_art", false],
      ["smart_city_services", "not_assessed", false],
      ["legal_regulatory_policies", "not_assessed", false],
    ]);
    expect(score.balance.median).toBe(2);
  });

  it("asks for an assessment first where a characteristic has no level, then lists Basic", () => {
    const step = scoreOk(inputOf({})).roadmap.find((s) => s.characteristicKey === "funding");
    expect(step).toMatchObject({
      currentLevel: "not_assessed",
      nextLevel: "basic",
      unmetCriteria: ["funding.basic.1", "funding.basic.2"],
      status: "assess",
      lagging: false,
    });
  });

  it("has no next level at state of the art", () => {
    const step = scoreOk(inputOf(meetUpTo("governance", "state_of_the_art"))).roadmap[0];
    expect(step).toMatchObject({ characteristicKey: "governance", nextLevel: null, unmetCriteria: [], status: "complete" });
  });

  it("lists Legal & Regulatory Policies last, unrated, with no next level", () => {
    const last = scoreOk(inputOf(meetUpTo("funding", "basic"))).roadmap.at(-1);
    expect(last).toEqual({
      characteristicKey: "legal_regulatory_policies",
      currentLevel: "not_assessed",
      nextLevel: null,
      unmetCriteria: [],
      lagging: false,
      status: "unrated",
    });
  });
});
