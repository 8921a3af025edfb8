"use client";

import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TEXT, CHART_TEXT_MUTED } from "@/components/charts/level-palette";
import { KPI_BAR, KPI_HIGHLIGHT, KPI_LINE, KPI_TARGET } from "./public-kpi-colors";

/** The interactive (recharts) versions of the public KPI charts; loaded only when a visitor points at one. */

export type KpiTrendChartProps = {
  points: { label: string; value: number }[];
  target: { value: number; label: string };
  /** The tooltip's name of a value, e.g. "Value (%)". */
  valueLabel: string;
  ariaLabel: string;
};

export function KpiTrendChart({ points, target, valueLabel, ariaLabel }: KpiTrendChartProps) {
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height: 220 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ left: 8, right: 24, top: 16, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={CHART_TEXT_MUTED} />
          <YAxis tick={CHART_TEXT_MUTED} width={64} domain={["auto", "auto"]} />
          <Tooltip formatter={(value) => [value, valueLabel]} />
          <ReferenceLine
            y={target.value}
            ifOverflow="extendDomain"
            stroke={KPI_TARGET}
            strokeDasharray="6 4"
            label={{ value: target.label, position: "insideTopRight", ...CHART_TEXT }}
          />
          <Line type="monotone" dataKey="value" stroke={KPI_LINE} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export type KpiBenchmarkBarsProps = {
  rows: { label: string; value: number; highlighted: boolean }[];
  median: number | null;
  medianLabel: string;
  /** The tooltip's name of a value, e.g. "Value (%)". */
  valueLabel: string;
  ariaLabel: string;
};

export function KpiBenchmarkBars({ rows, median, medianLabel, valueLabel, ariaLabel }: KpiBenchmarkBarsProps) {
  const height = 60 + rows.length * 30;
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24, top: 16 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" tick={CHART_TEXT_MUTED} />
          <YAxis type="category" dataKey="label" width={130} tick={CHART_TEXT} />
          <Tooltip formatter={(value) => [value, valueLabel]} />
          {median !== null ? (
            <ReferenceLine
              x={median}
              stroke="#0f172a"
              strokeDasharray="4 3"
              label={{ value: medianLabel, position: "top", ...CHART_TEXT }}
            />
          ) : null}
          <Bar dataKey="value" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.label} fill={r.highlighted ? KPI_HIGHLIGHT : KPI_BAR} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
