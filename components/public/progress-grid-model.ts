import { levelValue } from "@/server/scoring/levels";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

export type ProgressCell = {
  cycle: string;
  level: LevelOrNotAssessed;
  /** Rungs gained (+) or lost (−) since the previous cycle; null in the first cycle or when either is not assessed. */
  change: number | null;
  /** The cycle the change is counted from. */
  previousCycle: string | null;
};

export type ProgressRow = { key: string; label: string; cells: ProgressCell[] };

/**
 * The characteristic × cycle grid of the city page: one row per characteristic, one cell per
 * published cycle (oldest first), each with its level and the change since the cycle before. A
 * characteristic missing from a cycle counts as not assessed, never as the lowest rung.
 */
export function progressGrid(
  history: { cycle: string; levels: Partial<Record<string, LevelOrNotAssessed>> }[],
  characteristics: { key: string; label: string }[],
): ProgressRow[] {
  return characteristics.map(({ key, label }) => ({
    key,
    label,
    cells: history.map((entry, i) => {
      const level = entry.levels[key] ?? "not_assessed";
      const previous = i > 0 ? (history[i - 1].levels[key] ?? "not_assessed") : null;
      const now = levelValue(level);
      const before = previous === null ? null : levelValue(previous);
      return {
        cycle: entry.cycle,
        level,
        change: now === null || before === null ? null : now - before,
        previousCycle: i > 0 ? history[i - 1].cycle : null,
      };
    }),
  }));
}
