"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";
import { CHART_TEXT, CHART_TEXT_MUTED, LEVEL_FILL } from "./level-palette";

export type BenchmarkBarsProps = {
  /** One bar per characteristic: its label and the share (whole percent) of cities at each level. */
  rows: { label: string; shares: Record<LevelOrNotAssessed, number> }[];
  levelLabels: Record<LevelOrNotAssessed, string>;
  ariaLabel: string;
};

/** Figure 3 as stacked bars: for one region, the share of cities at each level per characteristic. */
export function BenchmarkBars({ rows, levelLabels, ariaLabel }: BenchmarkBarsProps) {
  const data = rows.map((r) => ({ label: r.label, ...r.shares }));
  const height = 60 + rows.length * 34;
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={CHART_TEXT_MUTED} />
          <YAxis type="category" dataKey="label" width={150} tick={CHART_TEXT} />
          <Tooltip formatter={(value, name) => [`${value}%`, levelLabels[name as LevelOrNotAssessed] ?? name]} />
          <Legend
            formatter={(value: string) => levelLabels[value as LevelOrNotAssessed] ?? value}
            wrapperStyle={{ fontSize: CHART_TEXT.fontSize }}
          />
          {FIGURE3_COLUMNS.map((level) => (
            <Bar key={level} dataKey={level} stackId="levels" fill={LEVEL_FILL[level]} stroke="#ffffff" isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
