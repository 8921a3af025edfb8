"use client";

import dynamic from "next/dynamic";

/**
 * The recharts charts as lazily loaded client components (recharts stays out of the first bundle;
 * a placeholder of the chart's size keeps the layout still). For signed-in screens; the public
 * pages use upgradeable-charts.tsx, which shows a static SVG until the visitor interacts.
 */
function placeholder(height: number) {
  function ChartPlaceholder() {
    return <div aria-hidden className="w-full animate-pulse rounded-lg bg-slate-100" style={{ height }} />;
  }
  return ChartPlaceholder;
}

export const LazyMaturityRadar = dynamic(() => import("./maturity-radar").then((m) => m.MaturityRadar), {
  ssr: false,
  loading: placeholder(320),
});

export const LazyProgressChart = dynamic(() => import("./progress-chart").then((m) => m.ProgressChart), {
  ssr: false,
  loading: placeholder(300),
});

export const LazyBenchmarkBars = dynamic(() => import("./benchmark-bars").then((m) => m.BenchmarkBars), {
  ssr: false,
  // Nine characteristics: 60 + 9 × 34 px, as the chart computes it.
  loading: placeholder(366),
});
