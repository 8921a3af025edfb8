import { MATURITY_LEVELS } from "@/shared/domain-values";
import type { CompiledFramework } from "./compiled-framework";
import type { BalanceFlag, BalanceReport } from "./score-types";

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "No isolated advances": flags characteristics two or more levels from the median. */
export function balanceOf(compiled: CompiledFramework, finalValues: number[]): BalanceReport {
  const rated: number[] = [];
  for (let c = 0; c < finalValues.length; c++) {
    if (compiled.characteristics[c].rateable && finalValues[c] >= 0) rated.push(finalValues[c]);
  }
  if (rated.length === 0) return { median: null, spread: null, flags: [] };
  for (let i = 1; i < rated.length; i++) {
    const value = rated[i];
    let j = i - 1;
    while (j >= 0 && rated[j] > value) {
      rated[j + 1] = rated[j];
      j--;
    }
    rated[j + 1] = value;
  }
  const mid = median(rated);
  const flags: BalanceFlag[] = [];
  for (let c = 0; c < finalValues.length; c++) {
    const value = finalValues[c];
    if (!compiled.characteristics[c].rateable || value < 0) continue;
    const distance = Math.abs(value - mid);
    if (distance >= 2) {
      flags.push({
        characteristicKey: compiled.characteristics[c].key,
        level: MATURITY_LEVELS[value],
        direction: value > mid ? "above" : "below",
        distance,
      });
    }
  }
  return { median: mid, spread: rated[rated.length - 1] - rated[0], flags };
}
