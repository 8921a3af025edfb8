"use client";

import { type ComponentType, type ReactNode, useCallback, useState } from "react";
import type { BenchmarkBarsProps } from "./benchmark-bars";
import { SERIES_COLORS } from "./level-palette";
import type { MaturityRadarProps } from "./maturity-radar";
import { StaticRadar, StaticStackedBars, UnratedBarRows } from "./static-charts";

/**
 * Each public chart renders first as static SVG from the server (no chart library on the phone's
 * first load, nothing to shift) and becomes the interactive recharts chart, with tooltips, when the
 * visitor points at it or taps it. The data is always in the table next to it as well.
 */
export function useUpgrade<P>(load: () => Promise<ComponentType<P>>) {
  const [Interactive, setInteractive] = useState<ComponentType<P> | null>(null);
  const [requested, setRequested] = useState(false);
  const upgrade = useCallback(() => {
    if (requested) return;
    setRequested(true);
    // Swap only once the module is here, so the static chart never blinks into a placeholder.
    void load().then((component) => setInteractive(() => component));
  }, [requested, load]);
  return { Interactive, upgrade };
}

export function ChartFrame({ label, upgrade, children }: { label: string; upgrade: () => void; children: ReactNode }) {
  return (
    // pointermove too: a pointer already resting on the chart when the page hydrated never "enters" it.
    <div role="img" aria-label={label} onPointerEnter={upgrade} onPointerMove={upgrade} onTouchStart={upgrade} className="w-full">
      {children}
    </div>
  );
}

const loadRadar = () => import("./maturity-radar").then((m) => m.MaturityRadar);
const loadBars = () => import("./benchmark-bars").then((m) => m.BenchmarkBars);

export function RadarFigure(props: MaturityRadarProps) {
  const { Interactive, upgrade } = useUpgrade<MaturityRadarProps>(loadRadar);
  if (Interactive) return <Interactive {...props} />;
  return (
    <ChartFrame label={props.ariaLabel} upgrade={upgrade}>
      <StaticRadar series={props.series} axes={props.axes} height={props.height} />
      {props.series.length > 1 ? <SeriesLegend labels={props.series.map((s) => s.label)} /> : null}
    </ChartFrame>
  );
}

type BenchmarkBarsFigureProps = BenchmarkBarsProps & {
  /** Characteristics without maturity criteria: named with a sentence instead of a bar. */
  unrated: { key: string; label: string; text: string }[];
};

export function BenchmarkBarsFigure({ unrated, ...props }: BenchmarkBarsFigureProps) {
  const { Interactive, upgrade } = useUpgrade<BenchmarkBarsProps>(loadBars);
  return (
    <div>
      {Interactive ? (
        <Interactive {...props} />
      ) : (
        <ChartFrame label={props.ariaLabel} upgrade={upgrade}>
          <StaticStackedBars rows={props.rows} />
        </ChartFrame>
      )}
      {unrated.length > 0 ? <UnratedBarRows rows={unrated} /> : null}
    </div>
  );
}

function SeriesLegend({ labels }: { labels: string[] }) {
  return (
    <ul aria-hidden className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-slate-700">
      {labels.map((label, i) => (
        <li key={label} className="inline-flex items-center gap-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
          {label}
        </li>
      ))}
    </ul>
  );
}
