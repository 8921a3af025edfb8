import { levelBackground } from "@/components/charts/level-palette";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

/**
 * One cell per characteristic, coloured by level. Sighted users get a tooltip; screen readers get
 * the same information as text in each cell.
 */
export function MaturityStrip({
  levels,
  characteristics,
  levelLabels,
  label,
  cellText,
}: {
  levels: Partial<Record<string, LevelOrNotAssessed>>;
  characteristics: { key: string; label: string }[];
  levelLabels: Record<LevelOrNotAssessed, string>;
  label: string;
  cellText: (characteristic: string, level: string) => string;
}) {
  return (
    <ul aria-label={label} className="flex gap-0.5" data-testid="maturity-strip">
      {characteristics.map((c) => {
        const level = levels[c.key] ?? "not_assessed";
        const text = cellText(c.label, levelLabels[level]);
        return (
          <li
            key={c.key}
            title={text}
            data-level={level}
            className="h-5 w-4 rounded-sm ring-1 ring-inset ring-black/10"
            style={{ background: levelBackground(level) }}
          >
            <span className="sr-only">{text}</span>
          </li>
        );
      })}
    </ul>
  );
}
