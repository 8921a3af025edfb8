import { type CharacteristicKey, FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";
import { compileFramework } from "./compiled-framework";
import type { Framework } from "./framework-types";

export type CohortEntry = {
  /** Grouping value chosen by the caller: a region, a country, an assessment cycle... */
  group: string;
  /** Final level per characteristic; a missing characteristic counts as not_assessed. */
  levels: Partial<Record<CharacteristicKey, LevelOrNotAssessed>>;
};

export type LevelCounts = Record<LevelOrNotAssessed, number>;

export type CohortRow = {
  characteristicKey: CharacteristicKey;
  rateable: boolean;
  counts: LevelCounts;
  /** Whole percent of the group's cities, each rounded on its own as Figure 3 prints them. */
  shares: LevelCounts;
};

export type CohortGroup = { group: string; cityCount: number; rows: CohortRow[] };

export type CohortBenchmark = { frameworkKey: string; frameworkVersion: string; groups: CohortGroup[] };

const COLUMN_COUNT = FIGURE3_COLUMNS.length;
const NOT_ASSESSED_COLUMN = FIGURE3_COLUMNS.indexOf("not_assessed");
const COLUMN_OF = new Map<unknown, number>(FIGURE3_COLUMNS.map((level, i) => [level, i]));

function emptyCounts(): LevelCounts {
  return { not_yet_addressed: 0, basic: 0, average: 0, more_advanced: 0, state_of_the_art: 0, not_assessed: 0 };
}

/**
 * Whole-percent share of each level. Each share is rounded half up independently, as the paper's
 * Figure 3 does (15 cities: 7% + 27% + 67% = 101%), so a group sums to 100 within rounding.
 */
export function sharesFromCounts(counts: LevelCounts): LevelCounts {
  let total = 0;
  for (const level of FIGURE3_COLUMNS) total += counts[level] ?? 0;
  const shares = emptyCounts();
  if (total === 0) return shares;
  for (const level of FIGURE3_COLUMNS) shares[level] = Math.round(((counts[level] ?? 0) * 100) / total);
  return shares;
}

function compareGroups(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Count and share of each level per characteristic for every group of assessments, groups sorted
 * by name and rows in framework order. A characteristic without maturity criteria is always
 * counted not_assessed, whatever the entry says, so it is never silently scored; an unknown
 * level value also counts as not_assessed.
 */
export function cohortBenchmark(framework: Framework, entries: readonly CohortEntry[]): CohortBenchmark {
  const compiled = compileFramework(framework);
  const characteristics = compiled.characteristics;
  const width = characteristics.length * COLUMN_COUNT;
  const tallies = new Map<string, { cityCount: number; counts: Int32Array }>();
  for (const entry of entries) {
    let tally = tallies.get(entry.group);
    if (!tally) {
      tally = { cityCount: 0, counts: new Int32Array(width) };
      tallies.set(entry.group, tally);
    }
    tally.cityCount++;
    const levels = entry.levels;
    for (let c = 0; c < characteristics.length; c++) {
      const characteristic = characteristics[c];
      const column = characteristic.rateable ? (COLUMN_OF.get(levels[characteristic.key]) ?? NOT_ASSESSED_COLUMN) : NOT_ASSESSED_COLUMN;
      tally.counts[c * COLUMN_COUNT + column]++;
    }
  }
  const groups: CohortGroup[] = [...tallies.keys()].sort(compareGroups).map((group) => {
    const tally = tallies.get(group)!;
    const rows: CohortRow[] = characteristics.map((characteristic, c) => {
      const counts = emptyCounts();
      FIGURE3_COLUMNS.forEach((level, column) => {
        counts[level] = tally.counts[c * COLUMN_COUNT + column];
      });
      return {
        characteristicKey: characteristic.key,
        rateable: characteristic.rateable,
        counts,
        shares: sharesFromCounts(counts),
      };
    });
    return { group, cityCount: tally.cityCount, rows };
  });
  return { frameworkKey: framework.key, frameworkVersion: framework.version, groups };
}
