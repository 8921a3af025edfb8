import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { LazyMaturityRadar } from "@/components/charts/lazy-charts";
import { type LevelOrNotAssessed, MATURITY_LEVELS } from "@/shared/domain-values";

type Levels = Partial<Record<string, LevelOrNotAssessed>>;

/** One polygon on the radar and one column of the table (`levels: null` = a column with no polygon). */
type RadarColumn = { id: string; label: string; levels: Levels | null };

type Row = { key: string; name: string; rateable: boolean };

type Props<R extends Row> = {
  /** The table's rows, in order; the rateable ones are the radar's axes. */
  rows: R[];
  columns: RadarColumn[];
  /** Said by screen readers on the chart. */
  chartLabel: string;
  /** The table's caption; `captionVisible` shows it above the table, otherwise only screen readers read it. */
  caption: string;
  captionVisible?: boolean;
  /** The header of the first column (the characteristic names). */
  rowHeader: string;
  tableTestId: string;
  /** A cell's content; by default the name of its level. */
  renderCell?: (row: R, column: RadarColumn) => ReactNode;
};

/**
 * A maturity radar (recharts, loaded lazily) beside a table of the same levels, so that screen-reader
 * and keyboard users read what the chart draws. Shared by the leadership dashboard's maturity profile
 * and the plan comparison.
 */
export function MaturityRadarWithTable<R extends Row>({
  rows,
  columns,
  chartLabel,
  caption,
  captionVisible = false,
  rowHeader,
  tableTestId,
  renderCell,
}: Props<R>) {
  const t = useTranslations("workflow");
  const cell = renderCell ?? ((row: R, column: RadarColumn) => t(`levels.${column.levels?.[row.key] ?? "not_assessed"}`));
  const series = columns.flatMap((c) => (c.levels ? [{ label: c.label, levels: c.levels }] : []));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <LazyMaturityRadar
        series={series}
        axes={rows.filter((r) => r.rateable).map((r) => ({ key: r.key, label: r.name }))}
        levelLabels={MATURITY_LEVELS.map((l) => t(`levels.${l}`)) as [string, string, string, string, string]}
        ariaLabel={chartLabel}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid={tableTestId}>
          <caption className={captionVisible ? "mb-2 text-left text-sm font-medium text-slate-700" : "sr-only"}>{caption}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-1.5 pr-3 font-medium">
                {rowHeader}
              </th>
              {columns.map((c) => (
                <th key={c.id} scope="col" className="py-1.5 pr-3 font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-b border-slate-100">
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  {r.name}
                </th>
                {columns.map((c) => (
                  <td key={c.id} className="py-1.5 pr-3">
                    {cell(r, c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
