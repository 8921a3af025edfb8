import { describe, expect, it } from "vitest";
import { characteristicOf, criteriaOf, inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

describe("derived level (the staircase: no leapfrogging)", () => {
  it("is not_assessed when no criterion of the characteristic has been judged", () => {
    const score = scoreOk(inputOf(meetUpTo("funding", "average")));
    expect(characteristicOf(score, "smart_city_strategy").derivedLevel).toBe("not_assessed");
    expect(characteristicOf(score, "smart_city_strategy").judgedCount).toBe(0);
  });

  it("is not_yet_addressed when a Basic criterion is not met", () => {
    const score = scoreOk(inputOf({ "smart_city_strategy.basic.1": "met", "smart_city_strategy.basic.2": "not_met" }));
    expect(characteristicOf(score, "smart_city_strategy").derivedLevel).toBe("not_yet_addressed");
  });

  it("counts partially met as not met", () => {
    const score = scoreOk(inputOf({ "smart_city_strategy.basic.1": "met", "smart_city_strategy.basic.2": "partially_met" }));
    expect(characteristicOf(score, "smart_city_strategy").derivedLevel).toBe("not_yet_addressed");
  });

  it("counts a criterion not judged yet as not met once the characteristic has judgements", () => {
    const score = scoreOk(inputOf({ "smart_city_strategy.basic.1": "met" }));
    expect(characteristicOf(score, "smart_city_strategy").derivedLevel).toBe("not_yet_addressed");
  });

  it("is basic when every Basic criterion is met", () => {
    const score = scoreOk(inputOf(meetUpTo("smart_city_strategy", "basic")));
    expect(characteristicOf(score, "smart_city_strategy").derivedLevel).toBe("basic");
  });

  it("is the highest level whose criteria, and those of every level below, are all met", () => {
    const score = scoreOk(
      inputOf({
        ...meetUpTo("ict_infrastructure", "more_advanced"),
        "ict_infrastructure.state_of_the_art.1": "met",
        "ict_infrastructure.state_of_the_art.2": "met",
        "ict_infrastructure.state_of_the_art.3": "met",
        "ict_infrastructure.state_of_the_art.4": "not_met",
      }),
    );
    expect(characteristicOf(score, "ict_infrastructure").derivedLevel).toBe("more_advanced");
  });

  it("is state_of_the_art when every criterion is met", () => {
    const score = scoreOk(inputOf(meetUpTo("stakeholders", "state_of_the_art")));
    expect(characteristicOf(score, "stakeholders").derivedLevel).toBe("state_of_the_art");
  });

  it("does not count criteria met above an unmet level and reports them ahead of the staircase", () => {
    const score = scoreOk(
      inputOf({
        "governance.basic.1": "met",
        "governance.average.1": "not_met",
        "governance.more_advanced.1": "met",
        "governance.state_of_the_art.1": "met",
      }),
    );
    const governance = characteristicOf(score, "governance");
    expect(governance.derivedLevel).toBe("basic");
    expect(governance.aheadOfStaircase).toEqual(["governance.more_advanced.1", "governance.state_of_the_art.1"]);
    expect(governance.criteriaMet).toEqual(["governance.basic.1", "governance.more_advanced.1", "governance.state_of_the_art.1"]);
  });

  it("reports every met criterion as ahead of the staircase when Basic is not met", () => {
    const score = scoreOk(inputOf({ "funding.basic.1": "not_met", "funding.average.1": "met" }));
    expect(characteristicOf(score, "funding").derivedLevel).toBe("not_yet_addressed");
    expect(characteristicOf(score, "funding").aheadOfStaircase).toEqual(["funding.average.1"]);
  });

  it("skips criteria judged not applicable", () => {
    const score = scoreOk(inputOf({ ...meetUpTo("smart_city_strategy", "average"), "smart_city_strategy.basic.2": "not_applicable" }));
    expect(characteristicOf(score, "smart_city_strategy").derivedLevel).toBe("average");
  });

  it("steps over a level whose criteria are all not applicable", () => {
    const score = scoreOk(inputOf({ "stakeholders.basic.1": "not_applicable", "stakeholders.average.1": "met" }));
    expect(characteristicOf(score, "stakeholders").derivedLevel).toBe("average");
  });

  it("never ends on a level whose criteria are all not applicable, so marking the top not applicable promotes no one", () => {
    const score = scoreOk(
      inputOf({ ...meetUpTo("value_assessment", "more_advanced"), "value_assessment.state_of_the_art.1": "not_applicable" }),
    );
    expect(characteristicOf(score, "value_assessment").derivedLevel).toBe("more_advanced");
  });

  it("is not_yet_addressed when Basic is not applicable and nothing above is met", () => {
    const score = scoreOk(inputOf({ "stakeholders.basic.1": "not_applicable", "stakeholders.average.1": "not_met" }));
    expect(characteristicOf(score, "stakeholders").derivedLevel).toBe("not_yet_addressed");
  });

  it("is not_assessed when every criterion is judged not applicable", () => {
    const judgements = Object.fromEntries(criteriaOf("business_models").map((key) => [key, "not_applicable" as const]));
    const score = scoreOk(inputOf(judgements));
    expect(characteristicOf(score, "business_models").derivedLevel).toBe("not_assessed");
    expect(characteristicOf(score, "business_models").judgedCount).toBe(4);
  });

  it("reports how many criteria are judged out of how many", () => {
    const score = scoreOk(inputOf({ "ict_infrastructure.basic.1": "met", "ict_infrastructure.average.2": "not_applicable" }));
    expect(characteristicOf(score, "ict_infrastructure")).toMatchObject({ judgedCount: 2, criteriaCount: 11 });
  });

  it("reports characteristics in framework order with the derived level final when there is no rating", () => {
    const score = scoreOk(inputOf(meetUpTo("funding", "basic")));
    expect(score.characteristics.map((c) => c.key)).toEqual([
      "smart_city_strategy",
      "stakeholders",
      "governance",
      "funding",
      "value_assessment",
      "business_models",
      "ict_infrastructure",
      "smart_city_services",
      "legal_regulatory_policies",
    ]);
    expect(characteristicOf(score, "funding")).toMatchObject({
      derivedLevel: "basic",
      ratedLevel: null,
      justification: null,
      finalLevel: "basic",
      finalSource: "derived",
    });
  });

  it("leaves Legal & Regulatory Policies unrated, never scored", () => {
    const everything = Object.assign(
      {},
      ...["smart_city_strategy", "stakeholders", "governance", "funding"].map((key) => meetUpTo(key as "funding", "state_of_the_art")),
    );
    const legal = characteristicOf(scoreOk(inputOf(everything)), "legal_regulatory_policies");
    expect(legal).toMatchObject({
      rateable: false,
      derivedLevel: "not_assessed",
      ratedLevel: null,
      finalLevel: "not_assessed",
      finalSource: "unrated",
      criteriaCount: 0,
    });
  });
});
