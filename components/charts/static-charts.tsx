import { levelValue } from "@/server/scoring/levels";
import { FIGURE3_COLUMNS, type LevelOrNotAssessed } from "@/shared/domain-values";
import { levelBackground, SERIES_COLORS } from "./level-palette";

/**
 * Server-rendered SVG versions of the recharts charts: the same data and geometry, no JavaScript.
 * Public pages show these first (fast on a phone, nothing to shift) and swap in the interactive
 * recharts chart when the visitor reaches for it (see upgradeable-charts.tsx).
 */

type RadarProps = {
  series: { label: string; levels: Partial<Record<string, LevelOrNotAssessed>> }[];
  axes: { key: string; label: string }[];
  height?: number;
};

const RADAR_W = 480;

/** Up to two lines of at most ~16 characters, split at a space. */
function wrapLabel(label: string): string[] {
  if (label.length <= 16 || !label.includes(" ")) return [label];
  const words = label.split(" ");
  let first = "";
  while (words.length && (first + " " + words[0]).trim().length <= 16) first = (first + " " + words.shift()).trim();
  return first ? [first, words.join(" ")] : [label];
}

export function StaticRadar({ series, axes, height = 320 }: RadarProps) {
  const cx = RADAR_W / 2;
  const cy = height / 2;
  const radius = Math.min(height / 2 - 44, 105);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / axes.length;
  const point = (i: number, value: number) =>
    [cx + (Math.cos(angle(i)) * (radius * value)) / 4, cy + (Math.sin(angle(i)) * (radius * value)) / 4] as const;
  const ring = (value: number) => axes.map((_, i) => point(i, value).join(",")).join(" ");
  return (
    // Never drawn larger than its own size: axis labels stay at the page's text size (14 px) or below.
    <svg viewBox={`0 0 ${RADAR_W} ${height}`} aria-hidden className="mx-auto h-auto w-full max-w-[480px]" style={{ maxHeight: height }}>
      {[1, 2, 3, 4].map((v) => (
        <polygon key={v} points={ring(v)} fill="none" stroke="#e2e8f0" />
      ))}
      {axes.map((axis, i) => {
        const [x, y] = point(i, 4);
        const [lx, ly] = point(i, 4.55);
        const cos = Math.cos(angle(i));
        const anchor = Math.abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
        const lines = wrapLabel(axis.label);
        return (
          <g key={axis.key}>
            <line x1={cx} y1={cy} x2={x} y2={y} stroke="#e2e8f0" />
            <text x={lx} y={ly - (lines.length - 1) * 8} textAnchor={anchor} dominantBaseline="middle" fontSize={14} fill="#334155">
              {lines.map((line, n) => (
                <tspan key={n} x={lx} dy={n === 0 ? 0 : 16}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        );
      })}
      {/* Ladder values between the first two axes, clear of the axis labels. */}
      {[0, 1, 2, 3, 4].map((v) => {
        const tickAngle = -Math.PI / 2 + Math.PI / axes.length;
        return (
          <text
            key={v}
            x={cx + (Math.cos(tickAngle) * (radius * v)) / 4 + 3}
            y={cy + (Math.sin(tickAngle) * (radius * v)) / 4}
            fontSize={12}
            fill="#475569"
            dominantBaseline="middle"
          >
            {v}
          </text>
        );
      })}
      {series.map((s, n) => {
        const color = SERIES_COLORS[n % SERIES_COLORS.length];
        const values = axes.map((axis) => {
          const level = s.levels[axis.key];
          return level === undefined ? null : levelValue(level);
        });
        const complete = values.every((v) => v !== null);
        return (
          <g key={s.label}>
            {complete ? (
              <polygon
                points={values.map((v, i) => point(i, v!).join(",")).join(" ")}
                fill={color}
                fillOpacity={series.length > 1 ? 0.12 : 0.3}
                stroke={color}
                strokeWidth={2}
              />
            ) : (
              // A not-assessed characteristic is a gap: only neighbours that both have a level are joined.
              values.map((v, i) => {
                const next = values[(i + 1) % values.length];
                if (v === null || next === null) return null;
                const [x1, y1] = point(i, v);
                const [x2, y2] = point((i + 1) % values.length, next);
                return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} stroke={color} strokeWidth={2} />;
              })
            )}
            {values.map((v, i) => {
              if (v === null) return null;
              const [x, y] = point(i, v);
              return <circle key={i} cx={x} cy={y} r={3} fill={color} />;
            })}
          </g>
        );
      })}
    </svg>
  );
}

type BarsProps = {
  rows: { label: string; shares: Record<LevelOrNotAssessed, number> }[];
};

/** Stacked bars in plain HTML: they reflow to any width without scaling the text. */
export function StaticStackedBars({ rows }: BarsProps) {
  return (
    <div aria-hidden className="space-y-1.5">
      {rows.map((row) => (
        <div key={row.label} className="grid grid-cols-[minmax(6rem,10rem)_1fr] items-center gap-2 text-xs text-slate-700">
          <span className="truncate text-right">{row.label}</span>
          <span className="flex h-5 overflow-hidden rounded-sm bg-slate-50">
            {FIGURE3_COLUMNS.map((level) =>
              (row.shares[level] ?? 0) > 0 ? (
                <span
                  key={level}
                  className="h-full border-r border-white last:border-r-0"
                  style={{ width: `${row.shares[level]}%`, background: levelBackground(level) }}
                />
              ) : null,
            )}
          </span>
        </div>
      ))}
      <div className="grid grid-cols-[minmax(6rem,10rem)_1fr] gap-2 text-xs text-slate-600">
        <span />
        <span className="flex justify-between">
          <span>0%</span>
          <span>50%</span>
          <span>100%</span>
        </span>
      </div>
    </div>
  );
}

/**
 * Characteristics the framework gives no maturity criteria (legal & regulatory): a row that says so
 * in words where the bar would be, never a bar of "100 % not assessed". Shown under both the static
 * and the interactive chart, as text that screen readers read too.
 */
export function UnratedBarRows({ rows }: { rows: { key: string; label: string; text: string }[] }) {
  return (
    <ul className="mt-1.5 space-y-1.5">
      {rows.map((row) => (
        <li
          key={row.key}
          className="grid grid-cols-[minmax(6rem,10rem)_1fr] items-center gap-2 text-xs text-slate-700"
          data-testid="unrated-bar-row"
          data-characteristic={row.key}
        >
          <span className="truncate text-right">{row.label}</span>
          <span className="flex h-5 items-center rounded-sm border border-dashed border-slate-300 px-2 italic text-slate-600">
            {row.text}
          </span>
        </li>
      ))}
    </ul>
  );
}
