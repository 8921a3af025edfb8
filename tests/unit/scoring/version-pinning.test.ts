import { describe, expect, it } from "vitest";
import { compileFramework } from "@/server/scoring/compiled-framework";
import { getFramework } from "@/server/scoring/framework-registry";
import { scoreAssessment } from "@/server/scoring/score-assessment";
import { characteristicOf, editableCopy, framework, inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

describe("framework version pinning", () => {
  const input = inputOf(meetUpTo("funding", "average"));

  /** A later edition that adds a Basic criterion to Funding: under it the same city would score lower. */
  function laterEdition() {
    const later = editableCopy();
    later.version = "2015.1";
    later.characteristics[3].criteria.push({
      key: "funding.basic.3",
      characteristicKey: "funding",
      level: "basic",
      text: { en: "Multi-year funding plan", zh: "多年期资金计划" },
      source: "Hypothetical 2015 edition",
    });
    return later;
  }

  it("scores an assessment with the edition it was started on, so a later edition never changes its result", () => {
    const later = laterEdition();
    const pinned = getFramework(input.frameworkKey, input.frameworkVersion);
    expect(pinned).toBe(framework);
    const first = scoreOk(input, pinned);
    compileFramework(later);
    expect(scoreOk(input, pinned)).toEqual(first);
    expect(characteristicOf(first, "funding").finalLevel).toBe("average");
    expect(first).toMatchObject({ frameworkKey: "eu-china-smart-city", frameworkVersion: "2014.1" });
  });

  it("refuses to score an assessment against an edition it is not pinned to", () => {
    expect(scoreAssessment(laterEdition(), input)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "FRAMEWORK_MISMATCH" })],
    });
  });

  it("scores a new assessment on the later edition by that edition's criteria", () => {
    const later = laterEdition();
    const score = scoreOk(inputOf(meetUpTo("funding", "average"), [], later), later);
    expect(characteristicOf(score, "funding").derivedLevel).toBe("not_yet_addressed");
    expect(score.frameworkVersion).toBe("2015.1");
  });

  it("compiles each edition once and caches its indexes", () => {
    const later = laterEdition();
    expect(compileFramework(framework)).toBe(compileFramework(framework));
    expect(compileFramework(later)).not.toBe(compileFramework(framework));
    expect(compileFramework(later).criteriaSignature).not.toBe(compileFramework(framework).criteriaSignature);
  });

  it("refuses to compile an invalid edition, listing its problems", () => {
    const broken = editableCopy();
    broken.characteristics[0].criteria = [];
    expect(() => compileFramework(broken)).toThrowError(/smart_city_strategy|level "basic" has no criteria/);
  });
});
