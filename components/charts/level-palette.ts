import type { LevelOrNotAssessed } from "@/shared/domain-values";

/**
 * One colour per rung of the maturity ladder, used by every public chart and table (the progress
 * grid, the maturity strip, level badges, the benchmark bars and tables, the legend).
 *
 * A sequential yellow–green–blue ramp (ColorBrewer YlGnBu): each rung is clearly darker than the one
 * below (relative luminance 0.89, 0.74, 0.39, 0.14, 0.05), so the order reads without hue — in
 * grey-scale print and for red–green colour blindness, which the old pink/green pairs failed.
 * not_assessed is a hatched grey: a gap in the data rather than a rung. Every text colour keeps WCAG
 * AA contrast (≥ 4.5:1) on its fill, and the level is always written out as text as well.
 */
export const LEVEL_FILL: Record<LevelOrNotAssessed, string> = {
  not_yet_addressed: "#fff3c4",
  basic: "#c7e9b4",
  average: "#41b6c4",
  more_advanced: "#1d6fa3",
  state_of_the_art: "#253494",
  not_assessed: "#e2e8f0",
};

export const LEVEL_TEXT: Record<LevelOrNotAssessed, string> = {
  not_yet_addressed: "#3f2d00",
  basic: "#0f3a2a",
  average: "#062a30",
  more_advanced: "#ffffff",
  state_of_the_art: "#ffffff",
  not_assessed: "#334155",
};

/**
 * Series colours for overlays (several cities on the compare radar): Okabe–Ito hues darkened to at
 * least 5:1 on white, told apart with colour blindness; the legend and the table name each series.
 */
export const SERIES_COLORS = ["#0072b2", "#c2410c", "#b3337f", "#007a5a", "#5b4b8a", "#8a6100"];

/** Chart text follows the page's type scale: text-xs (12 px) in slate-600/700, as table captions. */
export const CHART_TEXT = { fontSize: 12, fill: "#334155" } as const;
export const CHART_TEXT_MUTED = { fontSize: 12, fill: "#475569" } as const;

/** CSS background for a level cell: a plain fill, hatched for not_assessed. */
export function levelBackground(level: LevelOrNotAssessed): string {
  return level === "not_assessed" ? "repeating-linear-gradient(135deg, #e2e8f0 0 3px, #f8fafc 3px 6px)" : LEVEL_FILL[level];
}
