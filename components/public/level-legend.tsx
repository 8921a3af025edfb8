import { levelBackground } from "@/components/charts/level-palette";
import { FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";

export function LevelLegend({ title, levelLabels }: { title: string; levelLabels: Record<LevelOrNotAssessed, string> }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700">
      <span className="font-medium">{title}</span>
      {FIGURE3_COLUMNS.map((level) => (
        <span key={level} className="inline-flex items-center gap-1.5">
          <span
            aria-hidden
            className="inline-block h-3 w-3 rounded-sm ring-1 ring-inset ring-black/10"
            style={{ background: levelBackground(level) }}
          />
          {levelLabels[level]}
        </span>
      ))}
    </div>
  );
}
