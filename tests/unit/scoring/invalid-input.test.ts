import { describe, expect, it } from "vitest";
import { type AssessmentInput, scoreAssessment } from "@/server/scoring/score-assessment";
import { framework, inputOf } from "./scoring-fixtures";

describe("invalid input is a typed error value listing every problem", () => {
  it("reports an unknown criterion key", () => {
    expect(scoreAssessment(framework, inputOf({ "funding.basic.9": "met" }))).toEqual({
      ok: false,
      errors: [
        {
          code: "UNKNOWN_CRITERION",
          message: 'Unknown criterion "funding.basic.9" in eu-china-smart-city@2014.1',
          path: "judgements[0].criterionKey",
        },
      ],
    });
  });

  it("reports an unknown characteristic key in a rating", () => {
    const result = scoreAssessment(framework, inputOf({}, [{ characteristicKey: "happiness", level: "basic", justification: "x" }]));
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "UNKNOWN_CHARACTERISTIC", path: "ratings[0].characteristicKey" })],
    });
  });

  it("rejects judgements made for another framework version", () => {
    const result = scoreAssessment(framework, inputOf({ "funding.basic.1": "met" }, [], { key: framework.key, version: "2015.1" }));
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "FRAMEWORK_MISMATCH", path: "frameworkVersion" })],
    });
  });

  it("rejects a criterion judged twice", () => {
    const input: AssessmentInput = {
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      judgements: [
        { criterionKey: "funding.basic.1", judgement: "met" },
        { criterionKey: "funding.basic.1", judgement: "not_met" },
      ],
    };
    expect(scoreAssessment(framework, input)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "DUPLICATE_JUDGEMENT", path: "judgements[1].criterionKey" })],
    });
  });

  it("rejects an unknown judgement, an unknown level and a characteristic rated twice", () => {
    const input = {
      frameworkKey: framework.key,
      frameworkVersion: framework.version,
      judgements: [{ criterionKey: "funding.basic.1", judgement: "mostly" }],
      ratings: [
        { characteristicKey: "funding", level: "excellent", justification: "x" },
        { characteristicKey: "governance", level: "basic", justification: "x" },
        { characteristicKey: "governance", level: "average", justification: "y" },
      ],
      // Cast kept: the input is deliberately malformed (what a caller bypassing the types could send).
    } as unknown as AssessmentInput;
    const result = scoreAssessment(framework, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ["INVALID_JUDGEMENT", "judgements[0].judgement"],
      ["INVALID_LEVEL", "ratings[0].level"],
      ["DUPLICATE_RATING", "ratings[2].characteristicKey"],
    ]);
  });

  it("lists every problem at once, not just the first", () => {
    const input: AssessmentInput = {
      frameworkKey: "other-framework",
      frameworkVersion: framework.version,
      judgements: [
        { criterionKey: "nope.basic.1", judgement: "met" },
        { criterionKey: "funding.basic.1", judgement: "met" },
        { criterionKey: "funding.basic.1", judgement: "met" },
      ],
      ratings: [
        { characteristicKey: "governance", level: "state_of_the_art" },
        { characteristicKey: "weather", level: "basic", justification: "sunny" },
      ],
    };
    const result = scoreAssessment(framework, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code).sort()).toEqual([
      "DUPLICATE_JUDGEMENT",
      "FRAMEWORK_MISMATCH",
      "OVERRIDE_WITHOUT_JUSTIFICATION",
      "UNKNOWN_CHARACTERISTIC",
      "UNKNOWN_CRITERION",
    ]);
    for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
  });

  it("does not crash on malformed input", () => {
    const malformed: unknown[] = [
      null,
      undefined,
      42,
      { frameworkKey: framework.key, frameworkVersion: framework.version },
      { frameworkKey: framework.key, frameworkVersion: framework.version, judgements: "all met" },
      { frameworkKey: framework.key, frameworkVersion: framework.version, judgements: [null, 7, { criterionKey: 3 }] },
      { frameworkKey: framework.key, frameworkVersion: framework.version, judgements: [], ratings: {} },
      { frameworkKey: framework.key, frameworkVersion: framework.version, judgements: [], ratings: [null] },
      { frameworkKey: framework.key, frameworkVersion: framework.version, judgements: [{ criterionKey: "__proto__", judgement: "met" }] },
    ];
    for (const input of malformed) {
      const result = scoreAssessment(framework, input as AssessmentInput);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
  });
  it("names values that String() cannot convert instead of throwing (regression: property test seeds)", () => {
    const bare = Object.create(null) as object;
    const noToString = { toString: 1, valueOf: 2 };
    const input = {
      frameworkKey: framework.key,
      frameworkVersion: bare,
      judgements: [
        { criterionKey: bare, judgement: bare },
        { criterionKey: Symbol("k"), judgement: noToString },
      ],
      ratings: [
        { characteristicKey: bare, level: "basic" },
        { characteristicKey: "governance", level: bare },
      ],
    };
    // Cast kept: the input is deliberately malformed (what a caller bypassing the types could send).
    const result = scoreAssessment(framework, input as unknown as AssessmentInput);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      `The assessment is pinned to ${framework.key}@an object, not ${framework.key}@${framework.version}`,
      `Unknown criterion "an object" in ${framework.key}@${framework.version}`,
      'Unknown judgement "an object"',
      `Unknown criterion "Symbol(k)" in ${framework.key}@${framework.version}`,
      'Unknown judgement "an object"',
      'Unknown characteristic "an object"',
      'Unknown level "an object"',
    ]);
  });
});
