"use client";

import dynamic from "next/dynamic";

/**
 * The recharts radar as a lazily loaded client component (recharts stays out of the first bundle;
 * a placeholder of the chart's size keeps the layout still). For signed-in screens; the public
 * pages use upgradeable-charts.tsx, which shows a static SVG until the visitor interacts.
 */
function ChartPlaceholder({ height }: { height: number }) {
  return <div aria-hidden className="w-full animate-pulse rounded-lg bg-slate-100" style={{ height }} />;
}

export const LazyMaturityRadar = dynamic(() => import("./maturity-radar").then((m) => m.MaturityRadar), {
  ssr: false,
  loading: () => <ChartPlaceholder height={320} />,
});
