import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { pageRefusalOf } from "@/app/_lib/page-errors";
import { ProgressFigure, RadarFigure } from "@/components/charts/upgradeable-charts";
import { LazyCommentThread } from "@/components/public/lazy-comment-thread";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { IllustrativeNotice } from "@/components/public/illustrative-notice";
import { LevelBadge } from "@/components/public/level-badge";
import { getPublicLabels, type PublicLabels } from "@/components/public/public-labels";
import { StaircaseSteps } from "@/components/public/staircase-steps";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Badge, EmptyState } from "@/components/ui/states";
import type { AssessmentDetail, CityDetail } from "@/server/public/public-schemas";
import { getFramework } from "@/server/scoring/framework-registry";
import { levelValue } from "@/server/scoring/levels";
import { getServerCaller } from "@/server/trpc/server-caller";

type Props = { params: Promise<{ slug: string }> };

/** One load per request, shared by the metadata and the page. */
const loadCityPage = cache(async (slug: string): Promise<CityDetail | null> => {
  const caller = await getServerCaller();
  try {
    return await caller.public.city({ slug });
  } catch (error) {
    // null, not notFound(): the metadata of a missing city still needs a title.
    if (pageRefusalOf(error) === "not-found") return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const page = await loadCityPage(slug);
  if (!page) return { title: (await getTranslations("common"))("notFound") };
  const t = await getTranslations("public.city");
  const latest = page.latestAssessment;
  const advanced = latest ? Object.values(latest.levels).filter((l) => (levelValue(l) ?? -1) >= 3).length : 0;
  const description = latest
    ? t("metaDescription", { city: page.city.name, country: page.city.country, cycle: latest.cycle, summary: t("metaSummary", { count: advanced }) })
    : t("metaDescriptionNone", { city: page.city.name, country: page.city.country });
  return {
    title: page.city.name,
    description,
    alternates: { canonical: `/cities/${page.city.slug}` },
    openGraph: { type: "article", title: page.city.name, description, url: `/cities/${page.city.slug}` },
  };
}

export default async function CityPage({ params }: Props) {
  const { slug } = await params;
  const page = await loadCityPage(slug);
  if (!page) notFound();
  const [t, tPublic, tRegions, format, labels] = await Promise.all([
    getTranslations("public.city"),
    getTranslations("public"),
    getTranslations("common.regions"),
    getFormatter(),
    getPublicLabels(),
  ]);
  const { city, latestAssessment: latest } = page;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/cities" className="text-sm">
          ← {t("back")}
        </Link>
        <h1>{city.name}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>{city.country}</span>
          <Badge tone={city.region === "China" ? "red" : city.region === "EU" ? "blue" : "slate"}>{tRegions(city.region)}</Badge>
          {city.isPilot ? <Badge tone="green">{t("pilot")}</Badge> : null}
        </div>
        {latest ? (
          <p className="text-sm text-slate-700" data-testid="assessment-meta">
            {t("published", { cycle: latest.cycle, date: date(latest.publishedAt) })} · {t("framework", { version: latest.frameworkVersion })}
            {latest.republishedAt ? <span className="block" data-testid="republished-on">{t("republished", { date: date(latest.republishedAt) })}</span> : null}
          </p>
        ) : null}
      </div>

      {page.withdrawn.map((w) => (
        <Alert key={w.cycle + w.withdrawnAt} tone="warning">
          {t("withdrawn", { cycle: w.cycle, date: date(w.withdrawnAt) })}
          {w.reason ? <span className="block">{t("withdrawnReason", { reason: w.reason })}</span> : null}
        </Alert>
      ))}

      {latest?.illustrative ? <IllustrativeNotice /> : null}

      {!latest ? (
        <EmptyState title={t("noAssessment")}>{t("noAssessmentHint")}</EmptyState>
      ) : (
        <>
          <ProfileSection latest={latest} labels={labels} cityName={city.name} t={t} tPublic={tPublic} />
          <StaircaseSection latest={latest} labels={labels} t={t} />
          <EvidenceSection page={page} labels={labels} t={t} />
          <Card>
            <LazyCommentThread assessmentId={latest.id} targetType="assessment" targetKey={latest.id} title={t("commentsTitle")} />
          </Card>
        </>
      )}

      {page.history.length > 0 ? <ProgressSection page={page} labels={labels} t={t} tPublic={tPublic} /> : null}
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"public.city">>>;
type TPublic = Awaited<ReturnType<typeof getTranslations<"public">>>;

function ProfileSection({ latest, labels, cityName, t, tPublic }: { latest: AssessmentDetail; labels: PublicLabels; cityName: string; t: T; tPublic: TPublic }) {
  const byKey = new Map(latest.characteristics.map((c) => [c.key, c]));
  return (
    <Card aria-labelledby="profile-title">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="profile-title">{t("profileTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{tPublic("levelScale")}</p>
        </div>
        <CsvDownloadLink href={`/api/v1/assessments/${latest.id}?format=csv`} label={tPublic("downloadCsv")} />
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
              <th scope="col" className="py-2 pr-3 font-semibold">{t("colCharacteristic")}</th>
              <th scope="col" className="py-2 pr-3 font-semibold">{t("colLevel")}</th>
              <th scope="col" className="py-2 font-semibold">{t("colHow")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {labels.characteristics.map((c) => {
              const result = byKey.get(c.key as AssessmentDetail["characteristics"][number]["key"]);
              if (!result) return null;
              return (
                <tr key={c.key} data-characteristic={c.key}>
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-800">{c.label}</th>
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

function StaircaseSection({ latest, labels, t }: { latest: AssessmentDetail; labels: PublicLabels; t: T }) {
  const framework = getFramework(latest.frameworkKey, latest.frameworkVersion);
  const criterionText = new Map(framework?.characteristics.flatMap((c) => c.criteria.map((k) => [k.key, k.text[labels.lang]] as const)) ?? []);
  const stepOf = new Map(latest.roadmap.map((s) => [s.characteristicKey, s]));
  return (
    <Card aria-labelledby="staircase-title">
      <CardHeader title={<span id="staircase-title">{t("staircaseTitle")}</span>} description={t("staircaseIntro")} />
      <div className="mb-4" role="status">
        <h3 className="text-sm font-semibold text-slate-900">{t("balanceTitle")}</h3>
        {latest.balance.flags.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">{t("balanceOk")}</p>
        ) : (
          <ul className="mt-1 space-y-1" data-testid="balance-warnings">
            {latest.balance.flags.map((flag) => (
              <li key={flag.characteristicKey}>
                <Alert tone="warning">
                  {t(flag.direction === "above" ? "balanceAbove" : "balanceBelow", {
                    characteristic: labels.characteristic(flag.characteristicKey),
                    distance: flag.distance,
                  })}
                </Alert>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ol className="divide-y divide-slate-100" data-testid="staircase">
        {latest.characteristics.map((c) => {
          const step = stepOf.get(c.key);
          return (
            <li key={c.key} className="grid gap-3 py-4 md:grid-cols-[14rem_1fr]" data-characteristic={c.key}>
              <div className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">{labels.characteristic(c.key)}</h3>
                <div className="flex items-center gap-3">
                  <StaircaseSteps level={c.level} />
                  <LevelBadge level={c.level} label={labels.level[c.level]} />
                </div>
                {c.rateable ? <p className="text-xs text-slate-600">{t("criteriaMet", { met: c.criteriaMet.length, total: c.criteriaCount })}</p> : null}
                {step?.lagging ? <Badge tone="amber">{t("lagging")}</Badge> : null}
              </div>
              <div className="space-y-2 text-sm text-slate-800">
                {step?.status === "advance" && step.nextLevel ? (
                  <div data-testid="next-step">
                    <p className="font-medium">{t("nextStep", { level: labels.level[step.nextLevel] })}</p>
                    <p className="text-slate-600">{t("nextStepNeeds")}</p>
                    <ul className="mt-1 list-disc space-y-1 pl-5">
                      {step.unmetCriteria.map((u) => (
                        <li key={u.key}>{u.text[labels.lang]}</li>
                      ))}
                    </ul>
                  </div>
                ) : step?.status === "complete" ? (
                  <p className="font-medium text-emerald-800">{t("complete")}</p>
                ) : step?.status === "assess" ? (
                  <p className="text-slate-700">{t("assessFirst")}</p>
                ) : (
                  <p className="text-slate-700">{t("unrated")}</p>
                )}
                {c.criteriaMet.length > 0 ? (
                  <details className="rounded-md bg-slate-50 px-3 py-2">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("showCriteriaMet")}</summary>
                    <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
                      {c.criteriaMet.map((key) => (
                        <li key={key}>{criterionText.get(key) ?? key}</li>
                      ))}
                    </ul>
                    {c.aheadOfStaircase.length > 0 ? (
                      <p className="mt-2 text-xs text-slate-600">{t("aheadOfStaircase", { count: c.aheadOfStaircase.length })}</p>
                    ) : null}
                  </details>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

function EvidenceSection({ page, labels, t }: { page: CityDetail; labels: PublicLabels; t: T }) {
  return (
    <Card aria-labelledby="evidence-title">
      <CardHeader title={<span id="evidence-title">{t("evidenceTitle")}</span>} description={t("evidenceIntro")} />
      {page.evidence.length === 0 ? (
        <p className="text-sm text-slate-600">{t("evidenceEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="public-evidence">
          {page.evidence.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
              <span className="font-medium text-slate-900">
                {e.url ? (
                  <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
                    {e.title}
                  </a>
                ) : (
                  e.title
                )}
              </span>
              <span className="text-xs text-slate-600">
                {labels.characteristic(e.characteristicKey)} · {t.has(`evidenceKind.${e.kind}`) ? t(`evidenceKind.${e.kind}` as "evidenceKind.link") : e.kind}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ProgressSection({ page, labels, t, tPublic }: { page: CityDetail; labels: PublicLabels; t: T; tPublic: TPublic }) {
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
              <th scope="col" className="py-2 pr-3 font-semibold">{t("colCharacteristic")}</th>
              {page.history.map((h) => (
                <th key={h.id} scope="col" className="py-2 pr-3 font-semibold">{h.cycle}</th>
              ))}
              {page.progress ? (
                <th scope="col" className="py-2 font-semibold">{t("progressChange", { from: page.progress.fromCycle, to: page.progress.toCycle })}</th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {labels.rateable.map((c) => (
              <tr key={c.key}>
                <th scope="row" className="py-2 pr-3 font-medium text-slate-800">{c.label}</th>
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
