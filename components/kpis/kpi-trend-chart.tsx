"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TEXT, CHART_TEXT_MUTED, SERIES_COLORS } from "@/components/charts/level-palette";

type Point = { t: number; value: number };

const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * Baseline, the straight path to the target (dashed), the target level and the measurements, on a
 * time axis. The chart is an image for screen readers (`ariaLabel`); the measurement table below it
 * carries the same figures as text.
 */
export function KpiTrendChart({
  baseline,
  target,
  measurements,
  unit,
  labels,
  ariaLabel,
}: {
  baseline: { year: number; value: number };
  target: { year: number; value: number };
  measurements: { measuredOn: string; value: number }[];
  unit: string;
  labels: { path: string; measured: string; target: string };
  ariaLabel: string;
}) {
  const path: Point[] = [
    { t: dayMs(`${baseline.year}-12-31`), value: baseline.value },
    { t: dayMs(`${target.year}-12-31`), value: target.value },
  ];
  const measured: Point[] = measurements.map((m) => ({ t: dayMs(m.measuredOn), value: m.value }));
  const times = [...path, ...measured].map((p) => p.t);
  const domain: [number, number] = [Math.min(...times), Math.max(...times)];
  const year = (t: number) => String(new Date(t).getUTCFullYear());
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height: 280 }} data-testid="kpi-trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ left: 8, right: 24, top: 16, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={year} tick={CHART_TEXT_MUTED} />
          <YAxis dataKey="value" tick={CHART_TEXT_MUTED} width={64} domain={["auto", "auto"]} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)} formatter={(value) => [`${value} ${unit}`, ""]} />
          <Legend />
          <ReferenceLine
            y={target.value}
            stroke={SERIES_COLORS[1]}
            strokeDasharray="2 4"
            label={{ value: labels.target, position: "insideTopRight", ...CHART_TEXT }}
          />
          <Line
            data={path}
            dataKey="value"
            name={labels.path}
            stroke={SERIES_COLORS[1]}
            strokeDasharray="6 4"
            dot
            isAnimationActive={false}
          />
          <Line
            data={measured}
            dataKey="value"
            name={labels.measured}
            stroke={SERIES_COLORS[0]}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
