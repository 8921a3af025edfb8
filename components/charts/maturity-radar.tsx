"use client";

import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";
import { levelValue } from "@/server/scoring/levels";
import type { LevelOrNotAssessed } from "@/shared/domain-values";
import { CHART_TEXT, CHART_TEXT_MUTED, SERIES_COLORS } from "./level-palette";

export type MaturitySeries = {
  label: string;
  /** Level per characteristic key; not_assessed (or missing) is drawn as a gap, never as zero. */
  levels: Partial<Record<string, LevelOrNotAssessed>>;
};

export type MaturityRadarProps = {
  series: MaturitySeries[];
  /** The axes, in order: usually the rateable characteristics with their localized names. */
  axes: { key: string; label: string }[];
  /** Names of ladder values 0..4, for the radius ticks and the tooltip. */
  levelLabels: [string, string, string, string, string];
  /** Said by screen readers; the page renders the data as a table next to the chart as well. */
  ariaLabel: string;
  height?: number;
};

/**
 * Radar of maturity levels on the 0–4 ladder, one polygon per series (a city, or a cycle). Reusable:
 * the city page, the compare page and the workflow screens pass their own series.
 */
export function MaturityRadar({ series, axes, levelLabels, ariaLabel, height = 320 }: MaturityRadarProps) {
  const data = axes.map((axis) => {
    const point: Record<string, string | number | null> = { axis: axis.label };
    series.forEach((s, i) => {
      const level = s.levels[axis.key];
      point[`s${i}`] = level === undefined ? null : levelValue(level);
    });
    return point;
  });
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius="70%" accessibilityLayer={false}>
          <PolarGrid />
          <PolarAngleAxis dataKey="axis" tick={CHART_TEXT} />
          <PolarRadiusAxis domain={[0, 4]} tickCount={5} angle={90} tick={CHART_TEXT_MUTED} tickFormatter={(v: number) => String(v)} />
          {series.map((s, i) => (
            <Radar
              key={s.label}
              name={s.label}
              dataKey={`s${i}`}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              fill={SERIES_COLORS[i % SERIES_COLORS.length]}
              fillOpacity={series.length > 1 ? 0.12 : 0.3}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          <Tooltip formatter={(value) => (typeof value === "number" ? `${value} · ${levelLabels[value]}` : "—")} />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: CHART_TEXT.fontSize }} /> : null}
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}
