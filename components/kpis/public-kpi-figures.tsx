"use client";

import { ChartFrame, useUpgrade } from "@/components/charts/upgradeable-charts";
import type { KpiBenchmarkBarsProps, KpiTrendChartProps } from "./public-kpi-charts";
import { KPI_BAR, KPI_HIGHLIGHT, KPI_LINE, KPI_TARGET } from "./public-kpi-colors";

/**
 * The public KPI charts as the other public charts work: plain SVG/HTML from the server first (no
 * chart library on a phone's first load), the recharts chart with tooltips once the visitor points
 * at it or taps it. The same data is always in the table beside each chart.
 */

const loadTrend = () => import("./public-kpi-charts").then((m) => m.KpiTrendChart);
const loadBars = () => import("./public-kpi-charts").then((m) => m.KpiBenchmarkBars);

/** Scales values into [0, 1] over their range, the target included. */
function scaler(values: number[]) {
  const max = Math.max(...values);
  // A flat series sits in the middle.
  const span = max - Math.min(...values) || Math.abs(max) || 1;
  const min = max - Math.min(...values) === 0 ? max - span / 2 : Math.min(...values);
  return (v: number) => (v - min) / span;
}

function StaticTrend({ points, target }: Pick<KpiTrendChartProps, "points" | "target">) {
  const width = 600;
  const height = 200;
  const pad = 16;
  const scale = scaler([...points.map((p) => p.value), target.value]);
  const x = (i: number) => pad + (points.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - scale(v) * (height - 2 * pad);
  return (
    <svg aria-hidden viewBox={`0 0 ${width} ${height}`} className="h-[200px] w-full" preserveAspectRatio="none">
      <line x1={pad} x2={width - pad} y1={y(target.value)} y2={y(target.value)} stroke={KPI_TARGET} strokeDasharray="6 4" strokeWidth={2} />
      <polyline fill="none" stroke={KPI_LINE} strokeWidth={2} points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ")} />
      {points.map((p, i) => (
        <circle key={p.label} cx={x(i)} cy={y(p.value)} r={4} fill={KPI_LINE} />
      ))}
    </svg>
  );
}

export function KpiTrendFigure(props: KpiTrendChartProps) {
  const { Interactive, upgrade } = useUpgrade<KpiTrendChartProps>(loadTrend);
  if (Interactive) return <Interactive {...props} />;
  return (
    <ChartFrame label={props.ariaLabel} upgrade={upgrade}>
      <StaticTrend points={props.points} target={props.target} />
    </ChartFrame>
  );
}

function StaticBars({ rows }: Pick<KpiBenchmarkBarsProps, "rows">) {
  const max = Math.max(...rows.map((r) => Math.abs(r.value)), 0) || 1;
  return (
    <div aria-hidden className="space-y-1.5">
      {rows.map((row) => (
        <div key={row.label} className="grid grid-cols-[minmax(6rem,9rem)_1fr] items-center gap-2 text-xs text-slate-700">
          <span className={`truncate text-right ${row.highlighted ? "font-semibold" : ""}`}>{row.label}</span>
          <span className="flex h-5 rounded-sm bg-slate-50">
            <span
              className="h-full rounded-sm"
              style={{ width: `${(Math.abs(row.value) / max) * 100}%`, background: row.highlighted ? KPI_HIGHLIGHT : KPI_BAR }}
            />
          </span>
        </div>
      ))}
    </div>
  );
}

export function KpiBenchmarkFigure(props: KpiBenchmarkBarsProps) {
  const { Interactive, upgrade } = useUpgrade<KpiBenchmarkBarsProps>(loadBars);
  if (Interactive) return <Interactive {...props} />;
  return (
    <ChartFrame label={props.ariaLabel} upgrade={upgrade}>
      <StaticBars rows={props.rows} />
    </ChartFrame>
  );
}
