import { getTranslations } from "next-intl/server";
import { ProgressFigure } from "@/components/charts/upgradeable-charts";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { LevelBadge } from "@/components/public/level-badge";
import type { PublicLabels } from "@/components/public/public-labels";
import { Card } from "@/components/ui/card";
import type { CityDetail } from "@/server/public/public-schemas";

/** The public city page: levels per published cycle and the change between the last two. */
export async function CityProgressSection({ page, labels }: { page: CityDetail; labels: PublicLabels }) {
  const [t, tPublic] = await Promise.all([getTranslations("public.city"), getTranslations("public")]);
  const changeOf = new Map(page.progress?.characteristics.map((c) => [c.key, c.change]) ?? []);
  const changeText = (change: number | null | undefined) =>
    change === null || change === undefined
      ? t("changeUnknown")
      : change > 0
        ? t("changeUp", { count: change })
        : change < 0
          ? t("changeDown", { count: -change })
          : t("changeNone");
  return (
    <Card aria-labelledby="progress-title">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <h2 id="progress-title">{t("progressTitle")}</h2>
        <CsvDownloadLink href={`/api/v1/cities/${page.city.slug}?format=csv`} label={tPublic("downloadCsv")} />
      </div>
      {page.history.length > 1 ? (
        <ProgressFigure
          cycles={page.history.map((h) => ({ cycle: h.cycle, levels: h.levels }))}
          lines={labels.rateable}
          levelLabels={labels.ladder}
          ariaLabel={t("progressLabel", { city: page.city.name })}
        />
      ) : (
        <p className="text-sm text-slate-700">{t("progressSingle")}</p>
      )}
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="progress-table">
          <caption className="mb-2 text-left text-sm font-medium text-slate-700">{t("progressCaption")}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-semibold">
                {t("colCharacteristic")}
              </th>
              {page.history.map((h) => (
                <th key={h.id} scope="col" className="py-2 pr-3 font-semibold">
                  {h.cycle}
                </th>
              ))}
              {page.progress ? (
                <th scope="col" className="py-2 font-semibold">
                  {t("progressChange", { from: page.progress.fromCycle, to: page.progress.toCycle })}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {labels.rateable.map((c) => (
              <tr key={c.key}>
                <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                  {c.label}
                </th>
                {page.history.map((h) => {
                  const level = h.levels[c.key as keyof typeof h.levels];
                  return (
                    <td key={h.id} className="py-2 pr-3">
                      <LevelBadge level={level} label={labels.level[level]} />
                    </td>
                  );
                })}
                {page.progress ? <td className="py-2 text-slate-700">{changeText(changeOf.get(c.key as never))}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
