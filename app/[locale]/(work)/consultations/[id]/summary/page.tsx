import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { characteristicOptions } from "@/app/_lib/framework-options";
import { FORBIDDEN, loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { LazyRatingDistributionChart } from "@/components/participation/lazy-rating-chart";
import { LinkifiedText } from "@/components/participation/linkified-text";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card } from "@/components/ui/card";
import { Alert, EmptyState } from "@/components/ui/states";
import { getServerCaller } from "@/server/api/server-caller";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { RATINGS } from "@/server/consultations/feedback-summary-core";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participation.summary"))("title") };
}

export default async function ConsultationSummaryPage({ params }: Props) {
  const { id } = await params;
  const path = `/consultations/${id}/summary`;
  await requireViewer(path);
  const [t, tNav, caller, lang] = await Promise.all([
    getTranslations("participation.summary"),
    getTranslations("common.nav"),
    getServerCaller(),
    pageLang(),
  ]);
  const consultation = await loadForPage(caller.consultations.get({ consultationId: id }), path, { forbidden: "return" });
  const summary =
    consultation === FORBIDDEN
      ? FORBIDDEN
      : await loadForPage(caller.consultations.summary({ consultationId: id }), path, { forbidden: "return" });
  if (consultation === FORBIDDEN || summary === FORBIDDEN) {
    return (
      <div className="space-y-4">
        <h1>{t("title")}</h1>
        <Alert>{t("forbidden")}</Alert>
      </div>
    );
  }
  const names = new Map(characteristicOptions(frameworkOf(consultation.assessment).characteristics, lang).map((c) => [c.key, c.name]));
  const total = summary.reduce((n, s) => n + s.count, 0);
  return (
    <div className="space-y-6">
      <div>
        <Breadcrumbs
          items={[
            { label: tNav("consultations"), href: "/consultations" },
            { label: consultation.city.name, href: `/consultations/${consultation.id}` },
            { label: t("title") },
          ]}
        />
        <h1 className="mt-2">{t("title")}</h1>
        <p className="mt-1 text-slate-700">
          {consultation.city.name} · {consultation.question}
        </p>
        <p className="mt-1 text-sm text-slate-600" data-testid="summary-total">
          {t("total", { count: total })}
        </p>
      </div>
      {total === 0 ? <EmptyState title={t("noAnswers")} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {summary.map((s) => {
          const name = names.get(s.characteristicKey) ?? s.characteristicKey;
          return (
            <Card key={s.characteristicKey} data-testid="summary-characteristic">
              <h2 className="mb-1">{name}</h2>
              <p className="text-sm text-slate-700">
                {t("counts", { count: s.count, rated: s.ratedCount })}
                {s.averageRating !== null ? ` · ${t("average", { average: s.averageRating })}` : ""}
                {s.hiddenCount ? ` · ${t("hidden", { count: s.hiddenCount })}` : ""}
              </p>
              {s.ratedCount ? (
                <>
                  <LazyRatingDistributionChart distribution={s.ratingDistribution} />
                  <table className="mt-2 w-full text-sm">
                    <caption className="sr-only">{t("tableCaption", { name })}</caption>
                    <thead>
                      <tr className="text-left text-slate-600">
                        <th scope="col" className="py-1 font-medium">
                          {t("rating")}
                        </th>
                        {RATINGS.map((r) => (
                          <th key={r} scope="col" className="py-1 text-right font-medium">
                            {r}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        <th scope="row" className="py-1 text-left font-normal text-slate-600">
                          {t("answers")}
                        </th>
                        {RATINGS.map((r) => (
                          <td key={r} className="py-1 text-right tabular-nums">
                            {s.ratingDistribution[r]}
                          </td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </>
              ) : (
                <p className="mt-3 text-sm text-slate-500">{t("noRatings")}</p>
              )}
              <h3 className="mb-2 mt-4 text-base">{t("topSuggestions")}</h3>
              {s.topSuggestions.length ? (
                <ol className="list-decimal space-y-1 pl-5 text-sm" data-testid="top-suggestions">
                  {s.topSuggestions.map((sug) => (
                    <li key={sug.id}>
                      <LinkifiedText text={sug.suggestion} />{" "}
                      <span className="text-slate-500">— {t("supporters", { count: sug.supportCount })}</span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-sm text-slate-500">{t("noSuggestions")}</p>
              )}
            </Card>
          );
        })}
      </div>
    </div>
  );
}
