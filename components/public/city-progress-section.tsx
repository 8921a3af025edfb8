import { getTranslations } from "next-intl/server";
import { LEVEL_TEXT, levelBackground } from "@/components/charts/level-palette";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { LevelLegend } from "@/components/public/level-legend";
import { type ProgressCell, progressGrid } from "@/components/public/progress-grid-model";
import type { PublicLabels } from "@/components/public/public-labels";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { Card } from "@/components/ui/card";
import type { CityDetail } from "@/server/public/public-schemas";

/**
 * The public city page: progress over time as a characteristic × cycle grid of levels. Eight lines
 * on one chart hid each other; a grid stays readable for any number of cycles: each cell is coloured
 * by level, says the level in words (for everyone, screen readers included) and marks the change
 * since the cycle before with an arrow. The grid is the data table; the CSV has the same figures.
 */
export async function CityProgressSection({ page, labels }: { page: CityDetail; labels: PublicLabels }) {
  const [t, tPublic] = await Promise.all([getTranslations("public.city"), getTranslations("public")]);
  const rows = progressGrid(page.history, labels.rateable);
  const changeText = (change: number) =>
    change > 0 ? t("changeUp", { count: change }) : change < 0 ? t("changeDown", { count: -change }) : t("changeNone");
  const arrow = (change: number) => (change > 0 ? "▲" : change < 0 ? "▼" : "=");

  const renderCell = (cell: ProgressCell) => (
    <td
      key={cell.cycle}
      className="p-0.5"
      data-testid="progress-cell"
      data-cycle={cell.cycle}
      data-level={cell.level}
      data-change={cell.change ?? ""}
    >
      <span
        className="flex min-h-11 min-w-[7.5rem] flex-col justify-center rounded-sm px-2 py-1 text-xs leading-tight"
        style={{ background: levelBackground(cell.level), color: LEVEL_TEXT[cell.level] }}
      >
        <span className="font-semibold" data-testid="progress-level">
          {labels.level[cell.level]}
        </span>
        {cell.change !== null && cell.previousCycle ? (
          <span className="mt-0.5 tabular-nums">
            <span aria-hidden>
              {arrow(cell.change)} {cell.change === 0 ? "" : changeText(cell.change)}
            </span>
            <span className="sr-only">{t("changeSince", { change: changeText(cell.change), cycle: cell.previousCycle })}</span>
          </span>
        ) : null}
      </span>
    </td>
  );

  return (
    <Card aria-labelledby="progress-title">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="progress-title">{t("progressTitle")}</h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-700">{page.history.length > 1 ? t("progressIntro") : t("progressSingle")}</p>
        </div>
        <CsvDownloadLink href={`/api/v1/cities/${page.city.slug}?format=csv`} label={tPublic("downloadCsv")} />
      </div>
      <LevelLegend title={tPublic("legendTitle")} levelLabels={labels.level} />
      {/* Many cycles scroll inside the card (the characteristic column stays put), never the page. */}
      <ScrollingTable className="mt-3" label={t("progressCaption", { city: page.city.localizedName })} testId="progress-grid-scroll">
        <table className="border-separate border-spacing-0 text-left text-sm" data-testid="progress-grid">
          <caption className="mb-2 text-left text-sm font-medium text-slate-700">
            {t("progressCaption", { city: page.city.localizedName })}
          </caption>
          <thead className="text-xs text-slate-700">
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-white py-2 pr-3 font-semibold">
                {t("colCharacteristic")}
              </th>
              {page.history.map((h) => (
                <th key={h.id} scope="col" className="px-1 py-2 font-semibold">
                  {h.cycle}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-characteristic={row.key}>
                <th
                  scope="row"
                  className="sticky left-0 z-10 max-w-[11rem] bg-white py-1 pr-3 text-xs font-medium text-slate-800 sm:text-sm"
                >
                  {row.label}
                </th>
                {row.cells.map(renderCell)}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollingTable>
    </Card>
  );
}
