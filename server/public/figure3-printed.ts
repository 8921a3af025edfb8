import figure3 from "@/server/seed/data/figure3.json";
import { type CharacteristicKey, FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";

/**
 * What the white paper's Figure 3 prints, row by row, as kept in the reference data file
 * (`server/seed/data/figure3.json`: the printed percentages beside the counts the dataset uses). The
 * benchmark computes its own figures with the scoring core; this only says where the paper's print
 * differs, so readers of the page, the JSON and the CSV learn why two rows do not match the paper.
 */

type Figure3Row = {
  characteristic: string;
  region: string;
  printed: Partial<Record<LevelOrNotAssessed, number>>;
  counts: Partial<Record<LevelOrNotAssessed, number>>;
  printed_inconsistent?: boolean;
};

export type PrintedRow = {
  /** Whole percent per level as printed (empty cells omitted). */
  shares: Partial<Record<LevelOrNotAssessed, number>>;
  /** The printed cells' sum: 109 for EU strategy, 90 for EU stakeholders. */
  totalPct: number;
  /** False for the two EU rows whose printed percentages no whole number of cities gives. */
  consistent: boolean;
};

const ROWS = new Map(
  (figure3.rows as Figure3Row[]).map((row) => [
    `${row.region}/${row.characteristic}`,
    {
      shares: row.printed,
      totalPct: FIGURE3_COLUMNS.reduce((sum, level) => sum + (row.printed[level] ?? 0), 0),
      consistent: !row.printed_inconsistent,
    } satisfies PrintedRow,
  ]),
);

/** The printed row of Figure 3 for a region and characteristic; null where the paper prints none (legal & regulatory, other regions). */
export function printedFigure3Row(region: string, characteristicKey: CharacteristicKey): PrintedRow | null {
  return ROWS.get(`${region}/${characteristicKey}`) ?? null;
}

/** "29 % average, 70 % more advanced, 10 % state of the art" in the order of the columns. */
function describeShares(shares: Partial<Record<LevelOrNotAssessed, number>>): string {
  return FIGURE3_COLUMNS.filter((level) => shares[level])
    .map((level) => `${shares[level]} % ${level.replaceAll("_", " ")}`)
    .join(", ");
}

/** The note a row carries when the paper's printed percentages for it do not add up; null otherwise. */
export function printedInconsistencyNote(region: string, characteristicKey: CharacteristicKey): string | null {
  const printed = printedFigure3Row(region, characteristicKey);
  if (!printed || printed.consistent) return null;
  const row = (figure3.rows as Figure3Row[]).find((r) => r.region === region && r.characteristic === characteristicKey)!;
  const cities = Object.values(row.counts).reduce((sum, n) => sum + (n ?? 0), 0);
  return (
    `The white paper prints ${describeShares(printed.shares)} for this row, which sums to ${printed.totalPct} %; ` +
    `no whole number of the ${cities} cities gives these figures, so the reference dataset uses the nearest consistent counts ` +
    `and the shares here differ from the print.`
  );
}
