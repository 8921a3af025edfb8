import { describe, expect, it } from "vitest";
import { scoreAssessment } from "@/server/scoring/score-assessment";
import { characteristicOf, framework, inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

describe("rated level (expert override)", () => {
  it("keeps both levels and makes a justified rating final when it differs from the derived level", () => {
    const score = scoreOk(
      inputOf(meetUpTo("funding", "basic"), [
        { characteristicKey: "funding", level: "average", justification: "Funding plan adopted after the evidence date" },
      ]),
    );
    expect(characteristicOf(score, "funding")).toMatchObject({
      derivedLevel: "basic",
      ratedLevel: "average",
      justification: "Funding plan adopted after the evidence date",
      finalLevel: "average",
      finalSource: "rated",
    });
  });

  it("accepts a rating equal to the derived level without justification", () => {
    const score = scoreOk(inputOf(meetUpTo("funding", "basic"), [{ characteristicKey: "funding", level: "basic" }]));
    expect(characteristicOf(score, "funding")).toMatchObject({ finalLevel: "basic", finalSource: "rated", justification: null });
  });

  it("rejects a rating that differs from the derived level without a written justification", () => {
    const result = scoreAssessment(
      framework,
      inputOf(meetUpTo("funding", "basic"), [
        { characteristicKey: "funding", level: "state_of_the_art" },
        { characteristicKey: "governance", level: "basic", justification: "   " },
      ]),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ code: "OVERRIDE_WITHOUT_JUSTIFICATION", path: "ratings[1].justification" }),
        expect.objectContaining({ code: "OVERRIDE_WITHOUT_JUSTIFICATION", path: "ratings[0].justification" }),
      ],
    });
  });

  it("lets the expert group mark a characteristic not assessed, with a justification", () => {
    const score = scoreOk(
      inputOf(meetUpTo("funding", "basic"), [
        { characteristicKey: "funding", level: "not_assessed", justification: "Evidence withdrawn by the city" },
      ]),
    );
    expect(characteristicOf(score, "funding")).toMatchObject({ derivedLevel: "basic", finalLevel: "not_assessed" });
  });

  it("stores the justification trimmed", () => {
    const score = scoreOk(inputOf({}, [{ characteristicKey: "governance", level: "basic", justification: "  Site visit 2014-03  " }]));
    expect(characteristicOf(score, "governance").justification).toBe("Site visit 2014-03");
  });

  it("refuses a rating for Legal & Regulatory Policies, which has no maturity criteria", () => {
    const result = scoreAssessment(
      framework,
      inputOf({}, [{ characteristicKey: "legal_regulatory_policies", level: "basic", justification: "Good laws" }]),
    );
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "CHARACTERISTIC_NOT_RATEABLE", path: "ratings[0].level" })],
    });
  });

  it("uses the final level for balance and roadmap", () => {
    const score = scoreOk(
      inputOf(meetUpTo("funding", "basic"), [
        { characteristicKey: "funding", level: "more_advanced", justification: "Expert group review" },
      ]),
    );
    expect(score.roadmap.find((step) => step.characteristicKey === "funding")).toMatchObject({
      currentLevel: "more_advanced",
      nextLevel: "state_of_the_art",
      unmetCriteria: ["funding.state_of_the_art.1"],
    });
    expect(score.balance.median).toBe(3);
  });
});
