import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { characteristicOptions } from "@/app/_lib/framework-options";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { getQueryClient, HydrateClient, trpcServer } from "@/app/_lib/query-prefetch";
import { signInPathFor } from "@/app/_lib/sign-in-redirect";
import { CloseConsultationButton } from "@/components/participation/close-consultation-button";
import { CommentThread } from "@/components/participation/comment-thread";
import { FeedbackForm } from "@/components/participation/feedback-form";
import { FeedbackList } from "@/components/participation/feedback-list";
import { LinkifiedText } from "@/components/participation/linkified-text";
import { commentListInput, feedbackListInput } from "@/components/participation/participation-query-inputs";
import { PostingBlockedBanner } from "@/components/participation/posting-blocked-banner";
import { nextCursorPage } from "@/components/providers/query-client";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Badge } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { CRITERIA_LEVELS } from "@/server/scoring/levels";

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  const caller = await getServerCaller();
  return loadForPage(caller.consultations.get({ consultationId: id }), `/consultations/${id}`);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations("participation.consultation");
  try {
    const c = await (await getServerCaller()).consultations.get({ consultationId: id });
    return { title: t("metaTitle", { city: c.city.name }), description: c.question };
  } catch {
    return { title: t("metaTitle", { city: "" }) };
  }
}

export default async function ConsultationPage({ params }: Props) {
  const { id } = await params;
  const queryClient = getQueryClient();
  const [consultation, t, tLevels, format, lang] = await Promise.all([
    load(id),
    getTranslations("participation.consultation"),
    getTranslations("participation.levels"),
    getFormatter(),
    pageLang(),
    // The feedback list in the HTML, not behind a loading state after the page arrives.
    queryClient.prefetchInfiniteQuery(trpcServer.consultations.feedback.infiniteQueryOptions(feedbackListInput(id), nextCursorPage)),
  ]);
  const framework = frameworkOf(consultation.assessment);
  const chosen = framework.characteristics.filter((c) => consultation.characteristicKeys.includes(c.key));
  const options = characteristicOptions(framework.characteristics, lang, consultation.characteristicKeys);
  const viewer = consultation.viewer;
  const discussion = {
    assessmentId: consultation.assessment.id,
    targetType: "assessment",
    targetKey: consultation.assessment.id,
    visibility: "public",
  } as const;
  await queryClient.prefetchInfiniteQuery(trpcServer.comments.list.infiniteQueryOptions(commentListInput(discussion), nextCursorPage));

  return (
    <HydrateClient>
      <div className="space-y-8">
        <header className="space-y-3">
          <Breadcrumbs items={[{ label: t("back"), href: "/consultations" }, { label: consultation.city.name }]} />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-slate-700">{consultation.city.name}</span>
            <Badge tone={consultation.isOpen ? "green" : "slate"}>{consultation.isOpen ? t("open") : t("closed")}</Badge>
            <span className="text-slate-600">
              {consultation.isOpen
                ? t("closesOn", { date: format.dateTime(consultation.closesAt, { dateStyle: "long" }) })
                : t("closedOn", { date: format.dateTime(consultation.closedAt ?? consultation.closesAt, { dateStyle: "long" }) })}
            </span>
            <span className="text-slate-600">· {t("answers", { count: consultation.feedbackCount })}</span>
          </div>
          <h1>{consultation.question}</h1>
          {viewer.canSummarise || viewer.canClose ? (
            <div className="flex flex-wrap items-start gap-3">
              {viewer.canSummarise ? (
                <Button asChild size="sm">
                  <Link href={`/consultations/${consultation.id}/summary`}>{t("seeSummary")}</Link>
                </Button>
              ) : null}
              {viewer.canClose ? <CloseConsultationButton consultationId={consultation.id} /> : null}
            </div>
          ) : null}
        </header>

        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="space-y-6">
            <Card>
              <h2 className="mb-2">{t("summaryTitle")}</h2>
              <p className="text-slate-800">
                <LinkifiedText text={consultation.summary} />
              </p>
            </Card>
            <Card>
              <h2 className="mb-1">{t("criteriaTitle")}</h2>
              <p className="mb-4 text-sm text-slate-600">{t("criteriaIntro")}</p>
              <div className="space-y-4">
                {chosen.map((c) => (
                  <section key={c.key} aria-labelledby={`ch-${c.key}`} className="rounded-lg border border-slate-200 p-4">
                    <h3 id={`ch-${c.key}`}>{c.name[lang]}</h3>
                    <p className="mt-1 text-sm text-slate-700">{c.description[lang]}</p>
                    {c.criteria.length ? (
                      <details className="mt-3">
                        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("showCriteria")}</summary>
                        <dl className="mt-2 space-y-3 text-sm">
                          {CRITERIA_LEVELS.map((level) => {
                            const criteria = c.criteria.filter((cr) => cr.level === level);
                            if (!criteria.length) return null;
                            return (
                              <div key={level}>
                                <dt className="font-medium text-slate-900">{tLevels(level)}</dt>
                                <dd>
                                  <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
                                    {criteria.map((cr) => (
                                      <li key={cr.key}>{cr.text[lang]}</li>
                                    ))}
                                  </ul>
                                </dd>
                              </div>
                            );
                          })}
                        </dl>
                      </details>
                    ) : (
                      <p className="mt-2 text-xs text-slate-500">{t("notRateable")}</p>
                    )}
                  </section>
                ))}
              </div>
            </Card>
          </div>

          <Card className="h-fit space-y-4">
            <h2>{t("answerTitle")}</h2>
            {viewer.submitRefusal === null ? (
              <FeedbackForm consultationId={consultation.id} characteristics={options} />
            ) : viewer.submitRefusal === "blocked" ? (
              <PostingBlockedBanner reason={viewer.postingBlockedReason} />
            ) : viewer.submitRefusal === "sign_in" ? (
              <Alert tone="info">
                <Link href={signInPathFor(`/consultations/${consultation.id}`)}>{t("signInToAnswer")}</Link> {t("orSignUp")}{" "}
                <Link href="/sign-up">{t("signUp")}</Link>
              </Alert>
            ) : (
              <Alert tone="info">{t("closedNotice")}</Alert>
            )}
          </Card>
        </div>

        <FeedbackList consultationId={consultation.id} characteristics={options} />

        <CommentThread {...discussion} title={t("discussionTitle")} />
      </div>
    </HydrateClient>
  );
}
