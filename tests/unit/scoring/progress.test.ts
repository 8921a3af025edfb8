import { describe, expect, it } from "vitest";
import type { Framework } from "@/server/scoring/framework-types";
import { compareProgress } from "@/server/scoring/progress";
import { editableCopy, framework, inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

function edition(version: string, change: (f: Framework) => void = () => {}): Framework {
  const copy = editableCopy();
  copy.version = version;
  change(copy);
  return copy;
}

describe("progress between two assessments of the same city", () => {
  it("reports per-characteristic level change and the criteria newly met or lost", () => {
    const before = scoreOk(
      inputOf({ ...meetUpTo("funding", "basic"), ...meetUpTo("governance", "average"), "stakeholders.basic.1": "met" }),
    );
    const after = scoreOk(
      inputOf({
        ...meetUpTo("funding", "more_advanced"),
        "governance.basic.1": "met",
        "governance.average.1": "partially_met",
        "stakeholders.basic.1": "met",
      }),
    );
    const result = compareProgress(framework, before, after);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byKey = Object.fromEntries(result.value.characteristics.map((c) => [c.key, c]));
    expect(byKey.funding).toEqual({
      key: "funding",
      before: "basic",
      after: "more_advanced",
      change: 2,
      newlyMet: ["funding.average.1", "funding.more_advanced.1", "funding.more_advanced.2"],
      lost: [],
    });
    expect(byKey.governance).toEqual({
      key: "governance",
      before: "average",
      after: "basic",
      change: -1,
      newlyMet: [],
      lost: ["governance.average.1"],
    });
    expect(byKey.stakeholders.change).toBe(0);
    expect(result.value.characteristics.map((c) => c.key)).toEqual(framework.characteristics.map((c) => c.key));
  });

  it("gives no numeric change when either side is not assessed", () => {
    const before = scoreOk(inputOf({}));
    const after = scoreOk(inputOf(meetUpTo("funding", "average")));
    const result = compareProgress(framework, before, after);
    if (!result.ok) throw new Error("expected progress");
    const funding = result.value.characteristics.find((c) => c.key === "funding")!;
    expect(funding).toMatchObject({ before: "not_assessed", after: "average", change: null });
    expect(funding.newlyMet).toEqual(["funding.basic.1", "funding.basic.2", "funding.average.1"]);
  });

  it("compares assessments on editions whose criteria are the same though the version differs", () => {
    const reworded = edition("2014.2", (f) => {
      f.characteristics[3].criteria[0].text = { en: "Pilot project funded", zh: "试点项目已获资金" };
    });
    const before = scoreOk(inputOf(meetUpTo("funding", "basic")));
    const after = scoreOk(inputOf(meetUpTo("funding", "average"), [], reworded), reworded);
    const result = compareProgress(reworded, before, after);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ beforeVersion: "2014.1", afterVersion: "2014.2" });
  });

  it("refuses editions whose criteria differ, as an error value", () => {
    const extended = edition("2015.1", (f) => {
      f.characteristics[3].criteria.push({
        key: "funding.basic.3",
        characteristicKey: "funding",
        level: "basic",
        text: { en: "Funding strategy published", zh: "已发布资金战略" },
        source: "Hypothetical 2015 edition",
      });
    });
    const before = scoreOk(inputOf(meetUpTo("funding", "basic")));
    const after = scoreOk(inputOf(meetUpTo("funding", "basic"), [], extended), extended);
    expect(compareProgress(extended, before, after)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "INCOMPATIBLE_FRAMEWORK", path: "before.frameworkVersion" })],
    });
  });

  it("refuses assessments of another framework", () => {
    const other = edition("1.0", (f) => {
      f.key = "another-framework";
    });
    const before = scoreOk(inputOf({}));
    const after = scoreOk(inputOf({}, [], other), other);
    const result = compareProgress(framework, before, after);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "INCOMPATIBLE_FRAMEWORK", path: "after.frameworkKey" })],
    });
  });
});
