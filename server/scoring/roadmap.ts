import { MATURITY_LEVELS } from "@/shared/domain-values";
import type { CompiledFramework } from "./compiled-framework";
import type { RoadmapStep } from "./score-types";
import { MET, NOT_APPLICABLE, TOP, valueToLevel } from "./staircase";

/** Sort rank: rated characteristics by level, then those without a level, then unrated ones. */
function roadmapRank(rateable: boolean, value: number): number {
  if (!rateable) return TOP + 2;
  return value < 0 ? TOP + 1 : value;
}

export function roadmapOf(
  compiled: CompiledFramework,
  codes: Uint8Array,
  finalValues: number[],
  medianValue: number | null,
): RoadmapStep[] {
  const count = compiled.characteristics.length;
  const steps = new Array<RoadmapStep>(count);
  const ranks = new Array<number>(count);
  for (let c = 0; c < count; c++) {
    const characteristic = compiled.characteristics[c];
    const value = finalValues[c];
    let nextValue = -1;
    let status: RoadmapStep["status"];
    if (!characteristic.rateable) status = "unrated";
    else if (value < 0) {
      status = "assess";
      nextValue = 1;
    } else if (value >= TOP) status = "complete";
    else {
      status = "advance";
      nextValue = value + 1;
    }
    const unmetCriteria: string[] = [];
    if (nextValue > 0) {
      const { levelStart } = characteristic;
      for (let i = levelStart[nextValue]; i < levelStart[nextValue + 1]; i++) {
        const code = codes[i];
        if (code !== MET && code !== NOT_APPLICABLE) unmetCriteria.push(compiled.criterionKeys[i]);
      }
    }
    steps[c] = {
      characteristicKey: characteristic.key,
      currentLevel: valueToLevel(value),
      nextLevel: nextValue > 0 ? MATURITY_LEVELS[nextValue] : null,
      unmetCriteria,
      lagging: characteristic.rateable && value >= 0 && medianValue !== null && value < medianValue,
      status,
    };
    ranks[c] = roadmapRank(characteristic.rateable, value);
  }
  // Stable insertion sort by rank: nine items, and framework order breaks ties.
  for (let i = 1; i < count; i++) {
    const step = steps[i];
    const rank = ranks[i];
    let j = i - 1;
    while (j >= 0 && ranks[j] > rank) {
      steps[j + 1] = steps[j];
      ranks[j + 1] = ranks[j];
      j--;
    }
    steps[j + 1] = step;
    ranks[j + 1] = rank;
  }
  return steps;
}
