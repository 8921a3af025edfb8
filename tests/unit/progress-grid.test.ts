import { describe, expect, it } from "vitest";
import { progressGrid } from "@/components/public/progress-grid-model";

const characteristics = [
  { key: "governance", label: "Governance" },
  { key: "funding", label: "Funding" },
];

describe("progressGrid", () => {
  it("has one row per characteristic and one cell per cycle, oldest first, with the change since the cycle before", () => {
    const rows = progressGrid(
      [
        { cycle: "2013", levels: { governance: "basic", funding: "average" } },
        { cycle: "2020", levels: { governance: "more_advanced", funding: "average" } },
        { cycle: "2026", levels: { governance: "average", funding: "state_of_the_art" } },
      ],
      characteristics,
    );
    expect(rows.map((r) => r.key)).toEqual(["governance", "funding"]);
    expect(rows[0].cells).toEqual([
      { cycle: "2013", level: "basic", change: null, previousCycle: null },
      { cycle: "2020", level: "more_advanced", change: 2, previousCycle: "2013" },
      { cycle: "2026", level: "average", change: -1, previousCycle: "2020" },
    ]);
    expect(rows[1].cells.map((c) => c.change)).toEqual([null, 0, 2]);
  });

  it("counts a missing or not assessed characteristic as not assessed, with no change either side of it", () => {
    const rows = progressGrid(
      [
        { cycle: "2013", levels: { governance: "not_yet_addressed" } },
        { cycle: "2020", levels: { governance: "not_assessed", funding: "basic" } },
        { cycle: "2026", levels: { governance: "basic", funding: "basic" } },
      ],
      characteristics,
    );
    expect(rows[0].cells.map((c) => [c.level, c.change])).toEqual([
      ["not_yet_addressed", null],
      ["not_assessed", null],
      ["basic", null],
    ]);
    expect(rows[1].cells.map((c) => [c.level, c.change])).toEqual([
      ["not_assessed", null],
      ["basic", null],
      ["basic", 0],
    ]);
  });
});
