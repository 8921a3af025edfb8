import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CohortEntry, cohortBenchmark, type LevelCounts, sharesFromCounts } from "@/server/scoring/cohort-benchmark";
import { levelsFromScore } from "@/server/scoring/score-assessment";
import { type CharacteristicKey, FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";
import { framework, inputOf, meetUpTo, scoreOk } from "./scoring-fixtures";

type Figure3Row = {
  characteristic: CharacteristicKey;
  region: string;
  printed: Partial<LevelCounts>;
  counts: Partial<LevelCounts>;
  printed_inconsistent?: boolean;
};
const figure3 = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "figure3.json"), "utf8")) as {
  population: Record<string, number>;
  rows: Figure3Row[];
};

/** One entry per pilot city, levels dealt out from the published counts (per-city levels are not published). */
function figure3Entries(): CohortEntry[] {
  const entries: CohortEntry[] = [];
  for (const [region, population] of Object.entries(figure3.population)) {
    const cities: CohortEntry[] = Array.from({ length: population }, () => ({ group: region, levels: {} }));
    for (const row of figure3.rows.filter((r) => r.region === region)) {
      const dealt = FIGURE3_COLUMNS.flatMap((level) => Array<LevelOrNotAssessed>(row.counts[level] ?? 0).fill(level));
      expect(dealt, `${region} ${row.characteristic}`).toHaveLength(population);
      dealt.forEach((level, i) => {
        cities[i].levels[row.characteristic] = level;
      });
    }
    entries.push(...cities);
  }
  return entries;
}

describe("cohort benchmark", () => {
  it("reproduces Figure 3 from its counts: the 14 consistent rows, in whole percent as printed", () => {
    const benchmark = cohortBenchmark(framework, figure3Entries());
    expect(benchmark.groups.map((g) => [g.group, g.cityCount])).toEqual([
      ["China", 15],
      ["EU", 10],
    ]);
    const consistent = figure3.rows.filter((row) => !row.printed_inconsistent);
    expect(consistent).toHaveLength(14);
    for (const row of figure3.rows) {
      const computed = benchmark.groups.find((g) => g.group === row.region)!.rows.find((r) => r.characteristicKey === row.characteristic)!;
      const expectedCounts = Object.fromEntries(FIGURE3_COLUMNS.map((level) => [level, row.counts[level] ?? 0]));
      expect(computed.counts, `${row.region} ${row.characteristic}`).toEqual(expectedCounts);
      if (row.printed_inconsistent) continue;
      const printed = Object.fromEntries(FIGURE3_COLUMNS.map((level) => [level, row.printed[level] ?? 0]));
      expect(computed.shares, `${row.region} ${row.characteristic}`).toEqual(printed);
    }
  });

  it("counts a characteristic missing from an entry as not assessed", () => {
    const benchmark = cohortBenchmark(framework, [
      { group: "EU", levels: { funding: "basic" } },
      { group: "EU", levels: {} },
    ]);
    const funding = benchmark.groups[0].rows.find((r) => r.characteristicKey === "funding")!;
    expect(funding.counts).toMatchObject({ basic: 1, not_assessed: 1 });
    expect(funding.shares).toMatchObject({ basic: 50, not_assessed: 50 });
    const strategy = benchmark.groups[0].rows[0];
    expect(strategy.counts.not_assessed).toBe(2);
  });

  it("sorts groups by name and gives rows in framework order", () => {
    const benchmark = cohortBenchmark(framework, [
      { group: "cycle-2016", levels: {} },
      { group: "cycle-2014", levels: {} },
      { group: "cycle-2015", levels: {} },
      { group: "cycle-2014", levels: {} },
    ]);
    expect(benchmark.groups.map((g) => [g.group, g.cityCount])).toEqual([
      ["cycle-2014", 2],
      ["cycle-2015", 1],
      ["cycle-2016", 1],
    ]);
    expect(benchmark.groups[0].rows.map((r) => r.characteristicKey)).toEqual(framework.characteristics.map((c) => c.key));
  });

  it("always counts Legal & Regulatory Policies as not assessed, whatever the entry says", () => {
    const benchmark = cohortBenchmark(framework, [{ group: "CN", levels: { legal_regulatory_policies: "basic" } }]);
    const legal = benchmark.groups[0].rows.at(-1)!;
    expect(legal).toMatchObject({ characteristicKey: "legal_regulatory_policies", rateable: false });
    expect(legal.counts).toMatchObject({ basic: 0, not_assessed: 1 });
  });

  it("is fed by the final levels of scored assessments", () => {
    const score = scoreOk(inputOf(meetUpTo("funding", "average")));
    const levels = levelsFromScore(score);
    expect(levels.funding).toBe("average");
    expect(levels.governance).toBe("not_assessed");
    const benchmark = cohortBenchmark(framework, [{ group: "DK", levels }]);
    expect(benchmark.groups[0].rows.find((r) => r.characteristicKey === "funding")!.counts.average).toBe(1);
  });
});

describe("sharesFromCounts", () => {
  it("rounds each share to a whole percent on its own, as Figure 3 prints them (7 + 27 + 67 = 101)", () => {
    const shares = sharesFromCounts({
      not_yet_addressed: 0,
      basic: 1,
      average: 4,
      more_advanced: 10,
      state_of_the_art: 0,
      not_assessed: 0,
    });
    expect(shares).toEqual({
      not_yet_addressed: 0,
      basic: 7,
      average: 27,
      more_advanced: 67,
      state_of_the_art: 0,
      not_assessed: 0,
    });
  });

  it("rounds halves up and gives all zeros for an empty group", () => {
    expect(
      sharesFromCounts({ not_yet_addressed: 1, basic: 7, average: 0, more_advanced: 0, state_of_the_art: 0, not_assessed: 0 }),
    ).toMatchObject({ not_yet_addressed: 13, basic: 88 });
    expect(
      Object.values(
        sharesFromCounts({ not_yet_addressed: 0, basic: 0, average: 0, more_advanced: 0, state_of_the_art: 0, not_assessed: 0 }),
      ),
    ).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
