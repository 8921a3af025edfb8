import { getFormatter, getTranslations } from "next-intl/server";
import { evidenceTexts, questionOptions } from "@/app/_lib/framework-options";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { EvidenceAuthorActions } from "@/components/evidence/evidence-author-actions";
import { EvidenceAuthorName } from "@/components/evidence/evidence-author-name";
import { EvidencePayloadView } from "@/components/evidence/evidence-payload-view";
import { EvidenceStatusBadge } from "@/components/evidence/evidence-status-badge";
import { PublicContentNote } from "@/components/evidence/public-content-note";
import { CommentThread } from "@/components/participation/comment-thread";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { characteristicOf, frameworkOf } from "@/server/assessments/assessment-framework";

export async function generateMetadata() {
  return { title: (await getTranslations("evidence"))("detail.title") };
}

/** One piece of evidence: its current revision, the review history, earlier revisions, and the author's actions. */
export default async function EvidenceDetailPage({ params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  const path = `/workspace/evidence/${evidenceId}`;
  await requireViewer(path);
  const [t, tLevels, format, lang, caller] = await Promise.all([
    getTranslations("evidence"),
    getTranslations("review.levels"),
    getFormatter(),
    pageLang(),
    getServerCaller(),
  ]);
  const detail = await loadForPage(caller.evidence.get({ evidenceId }), path);
  const { evidence, revisions, reviews, permissions } = detail;
  const framework = frameworkOf(detail.assessment);
  const characteristic = characteristicOf(framework, evidence.characteristicKey)!;
  const { criteria, criteriaOf, narrativeQuestion } = evidenceTexts(characteristic, evidence.kind, lang, (level) =>
    tLevels(level as "basic"),
  );
  const [current, ...earlier] = revisions;
  const downloadHref = (revision: number) => `/api/evidence/${evidence.id}/file?revision=${revision}`;

  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), href: "/workspace" },
          { label: characteristic.name[lang], href: `/workspace/${detail.assessment.id}/${characteristic.key}` },
          { label: evidence.title },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1>{evidence.title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {t(`kinds.${evidence.kind}`)} · <EvidenceAuthorName name={detail.author.name} />
            {detail.author.departmentName || detail.author.organisation
              ? ` (${detail.author.departmentName ?? detail.author.organisation})`
              : ""}{" "}
            · {t("revisionShort", { revision: evidence.currentRevision })}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <EvidenceStatusBadge status={evidence.status} />
          {permissions.canReview ? (
            <Button asChild size="sm">
              <Link href={`/review/evidence/${evidence.id}`}>{t("detail.review")}</Link>
            </Button>
          ) : null}
        </div>
      </div>

      <Card>
        <CardHeader
          title={t("detail.currentRevision", { revision: current.revision })}
          description={format.dateTime(current.createdAt, { dateStyle: "medium", timeStyle: "short" })}
        />
        <EvidencePayloadView
          kind={evidence.kind}
          payload={current.payload}
          file={current.file}
          downloadHref={current.file ? downloadHref(current.revision) : undefined}
          questionText={narrativeQuestion(current.payload)}
        />
        <PublicContentNote kind={evidence.kind} publicContent={evidence.publicContent} />
        <h3 className="mt-4 text-sm font-semibold">{t("detail.claimedCriteria")}</h3>
        {current.criterionKeys.length ? (
          <ul className="mt-1 list-disc pl-5 text-sm">
            {criteriaOf(current.criterionKeys).map((c) => (
              <li key={c.key}>
                <span className="font-medium">{c.levelLabel}:</span> {c.text}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("detail.noCriteria")}</p>
        )}
      </Card>

      <Card>
        <CardHeader title={t("detail.reviews")} />
        {reviews.length === 0 ? (
          <EmptyState title={t("detail.noReviews")} />
        ) : (
          <ol className="space-y-3" data-testid="review-history">
            {reviews.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <EvidenceStatusBadge status={r.decision} />
                  <span className="text-slate-600">
                    {t("detail.reviewMeta", {
                      revision: r.revision,
                      reviewer: r.reviewerName,
                      at: format.dateTime(r.createdAt, { dateStyle: "medium" }),
                    })}
                  </span>
                </div>
                {r.note ? <p className="mt-2 whitespace-pre-wrap">{r.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>

      {permissions.canChange ? (
        <Card>
          <EvidenceAuthorActions
            evidenceId={evidence.id}
            assessmentId={detail.assessment.id}
            characteristicKey={characteristic.key}
            kind={evidence.kind}
            currentRevision={evidence.currentRevision}
            current={{
              title: current.title,
              criterionKeys: current.criterionKeys,
              publicContent: evidence.publicContent,
              payload: current.payload as Record<string, unknown>,
            }}
            file={current.file}
            criteria={criteria}
            questions={questionOptions(characteristic, lang)}
            answeringChangeRequest={evidence.status === "changes_requested"}
          />
        </Card>
      ) : null}

      {earlier.length ? (
        <Card>
          <CardHeader title={t("detail.earlierRevisions")} />
          <div className="space-y-2">
            {earlier.map((r) => (
              <details key={r.revision} className="rounded-md border border-slate-200 p-3">
                <summary className="cursor-pointer text-sm font-medium">
                  {t("detail.revisionSummary", {
                    revision: r.revision,
                    title: r.title,
                    at: format.dateTime(r.createdAt, { dateStyle: "medium" }),
                  })}
                </summary>
                <div className="mt-2">
                  <EvidencePayloadView
                    kind={evidence.kind}
                    payload={r.payload}
                    file={r.file}
                    downloadHref={r.file ? downloadHref(r.revision) : undefined}
                    questionText={narrativeQuestion(r.payload)}
                  />
                  {r.criterionKeys.length ? (
                    <ul className="mt-2 list-disc pl-5 text-sm">
                      {criteriaOf(r.criterionKeys).map((c) => (
                        <li key={c.key}>
                          {c.levelLabel}: {c.text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </details>
            ))}
          </div>
        </Card>
      ) : null}

      <CommentThread assessmentId={detail.assessment.id} targetType="evidence" targetKey={evidence.id} headingLevel={2} />
    </div>
  );
}
