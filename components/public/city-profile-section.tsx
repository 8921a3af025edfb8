import { getTranslations } from "next-intl/server";
import { RadarFigure } from "@/components/charts/upgradeable-charts";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { LevelBadge } from "@/components/public/level-badge";
import type { PublicLabels } from "@/components/public/public-labels";
import { ReportDownloadLink } from "@/components/report/report-download-link";
import { Card } from "@/components/ui/card";
import type { AssessmentDetail } from "@/server/public/public-schemas";

/** The public city page: the latest assessment's maturity profile (radar and levels table). */
export async function CityProfileSection({
  latest,
  labels,
  cityName,
}: {
  latest: AssessmentDetail;
  labels: PublicLabels;
  cityName: string;
}) {
  const [t, tPublic] = await Promise.all([getTranslations("public.city"), getTranslations("public")]);
  const byKey = new Map(latest.characteristics.map((c) => [c.key, c]));
  return (
    <Card aria-labelledby="profile-title">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="profile-title">{t("profileTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{tPublic("levelScale")}</p>
        </div>
        <CsvDownloadLink href={`/api/v1/assessments/${latest.id}?format=csv`} label={tPublic("downloadCsv")} />
        <ReportDownloadLink assessmentId={latest.id} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div data-testid="maturity-radar">
          <RadarFigure
            series={[{ label: cityName, levels: latest.levels }]}
            axes={labels.rateable}
            levelLabels={labels.ladder}
            ariaLabel={t("radarLabel", { city: cityName })}
          />
        </div>
        <table className="w-full self-start text-left text-sm" data-testid="levels-table">
          <caption className="mb-2 text-left text-sm font-medium text-slate-700">{t("tableCaption", { cycle: latest.cycle })}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-semibold">
                {t("colCharacteristic")}
              </th>
              <th scope="col" className="py-2 pr-3 font-semibold">
                {t("colLevel")}
              </th>
              <th scope="col" className="py-2 font-semibold">
                {t("colHow")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {labels.characteristics.map((c) => {
              const result = byKey.get(c.key as AssessmentDetail["characteristics"][number]["key"]);
              if (!result) return null;
              return (
                <tr key={c.key} data-characteristic={c.key}>
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                    {c.label}
                  </th>
                  <td className="py-2 pr-3">
                    <LevelBadge level={result.level} label={labels.level[result.level]} />
                  </td>
                  <td className="py-2 text-xs text-slate-600">{t(`source.${result.source}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
