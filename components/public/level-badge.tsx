import { LEVEL_TEXT, levelBackground } from "@/components/charts/level-palette";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

export function LevelBadge({ level, label }: { level: LevelOrNotAssessed; label: string }) {
  return (
    <span
      className="inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold"
      style={{ background: levelBackground(level), color: LEVEL_TEXT[level] }}
      data-level={level}
    >
      {label}
    </span>
  );
}
