"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { levelValue } from "@/server/scoring/levels";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

const LINE_COLORS = ["#17705a", "#b45309", "#1d4ed8", "#9333ea", "#be123c", "#0f766e", "#4d7c0f", "#c2410c", "#475569"];

export type ProgressChartProps = {
  /** Published cycles, oldest first, with the level of each characteristic. */
  cycles: { cycle: string; levels: Partial<Record<string, LevelOrNotAssessed>> }[];
  lines: { key: string; label: string }[];
  levelLabels: [string, string, string, string, string];
  ariaLabel: string;
};

/** Level of each characteristic per published cycle; a cycle where it was not assessed is a gap. */
export function ProgressChart({ cycles, lines, levelLabels, ariaLabel }: ProgressChartProps) {
  const data = cycles.map((c) => {
    const point: Record<string, string | number | null> = { cycle: c.cycle };
    for (const line of lines) {
      const level = c.levels[line.key];
      point[line.key] = level === undefined ? null : levelValue(level);
    }
    return point;
  });
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height: 300 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 0, right: 16, top: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="cycle" tick={{ fontSize: 11, fill: "#475569" }} />
          <YAxis domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} width={28} tick={{ fontSize: 11, fill: "#475569" }} />
          <Tooltip formatter={(value) => (typeof value === "number" ? `${value} · ${levelLabels[value]}` : "—")} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {lines.map((line, i) => (
            <Line
              key={line.key}
              type="linear"
              dataKey={line.key}
              name={line.label}
              stroke={LINE_COLORS[i % LINE_COLORS.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
