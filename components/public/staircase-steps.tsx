import { levelValue } from "@/server/scoring/levels";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

/** Four rising steps, filled up to the level (decorative: the level is also given as text). */
export function StaircaseSteps({ level }: { level: LevelOrNotAssessed }) {
  const value = levelValue(level);
  return (
    <span aria-hidden className="flex h-6 items-end gap-0.5">
      {[1, 2, 3, 4].map((step) => (
        <span
          key={step}
          className={value !== null && value >= step ? "w-2.5 rounded-t-sm bg-brand-600" : "w-2.5 rounded-t-sm bg-slate-200"}
          style={{ height: `${step * 25}%` }}
        />
      ))}
    </span>
  );
}
