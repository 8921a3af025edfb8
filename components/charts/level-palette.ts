import type { LevelOrNotAssessed } from "@/shared/domain-values";

/**
 * One colour per rung of the maturity ladder (light to dark, as in globals.css) and a hatched grey
 * for not_assessed, which is a gap in the data rather than a rung. Text colours keep WCAG AA
 * contrast on each fill.
 */
export const LEVEL_FILL: Record<LevelOrNotAssessed, string> = {
  not_yet_addressed: "#f4c7c3",
  basic: "#fde6a8",
  average: "#bfe3c8",
  more_advanced: "#66b890",
  state_of_the_art: "#1f6e52",
  not_assessed: "#e2e8f0",
};

export const LEVEL_TEXT: Record<LevelOrNotAssessed, string> = {
  not_yet_addressed: "#7f1d1d",
  basic: "#713f12",
  average: "#14532d",
  more_advanced: "#052e16",
  state_of_the_art: "#ffffff",
  not_assessed: "#334155",
};

/** Series colours for overlays (compare page), distinguishable and dark enough on white. */
export const SERIES_COLORS = ["#17705a", "#b45309", "#1d4ed8", "#9333ea", "#be123c", "#0f766e"];

/** CSS background for a level cell: a plain fill, hatched for not_assessed. */
export function levelBackground(level: LevelOrNotAssessed): string {
  return level === "not_assessed" ? "repeating-linear-gradient(135deg, #e2e8f0 0 3px, #f8fafc 3px 6px)" : LEVEL_FILL[level];
}
