import { SERIES_COLORS } from "@/components/charts/level-palette";

/** Colours of the public KPI charts (static and interactive alike): the series, the target line, the highlighted city. */
export const KPI_LINE = SERIES_COLORS[0];
export const KPI_TARGET = SERIES_COLORS[1];
export const KPI_HIGHLIGHT = SERIES_COLORS[1];
export const KPI_BAR = "#64748b";
