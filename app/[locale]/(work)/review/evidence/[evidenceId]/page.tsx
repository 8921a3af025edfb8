import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { evidenceTexts } from "@/app/_lib/framework-options";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { EvidenceAuthorName } from "@/components/evidence/evidence-author-name";
import { EvidencePayloadView } from "@/components/evidence/evidence-payload-view";
import { EvidenceStatusBadge } from "@/components/evidence/evidence-status-badge";
import { PublicContentNote } from "@/components/evidence/public-content-note";
import { CommentThread } from "@/components/participation/comment-thread";
import { ReviewDecisionForm } from "@/components/review/review-decision-form";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { characteristicOf, frameworkOf } from "@/server/assessments/assessment-framework";

export async function generateMetadata() {
  return { title: (await getTranslations("review"))("item.title") };
}

/** An expert reads one item with all its revisions and the criteria it claims, and decides. */
export default async function ReviewEvidencePage({ params }: { params: Promise<{ evidenceId: string }> }) {
  const { evidenceId } = await params;
  const path = `/review/evidence/${evidenceId}`;
  await requireViewer(path);
  const [t, tEvidence, tLevels, format, lang, caller] = await Promise.all([
    getTranslations("review"),
    getTranslations("evidence"),
    getTranslations("review.levels"),
    getFormatter(),
    pageLang(),
    getServerCaller(),
  ]);
  const detail = await loadForPage(caller.evidence.get({ evidenceId }), path);
  const assessment = await loadForPage(caller.assessments.get({ assessmentId: detail.assessment.id }), path);
  // The review desk's page: only for those the server lets review evidence in this city.
  if (!assessment.allowed.includes("evidence:review")) notFound();
  const { evidence, revisions, reviews, permissions } = detail;
  // The queue's order (oldest first) gives the item after this one, offered once the expert decided.
  const queue = await caller.review.queue({ limit: 2 });
  const next = queue.items.find((item) => item.id !== evidence.id) ?? null;
  const nextItem = next ? { href: `/review/evidence/${next.id}`, title: next.title, city: next.cityName } : null;
  const characteristic = characteristicOf(frameworkOf(assessment), evidence.characteristicKey)!;
  const { criteriaOf, narrativeQuestion } = evidenceTexts(characteristic, evidence.kind, lang, (level) => tLevels(level as "basic"));

  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { label: t("queue.title"), href: "/review" },
          { label: `${assessment.city.name} ${assessment.cycle}`, href: `/review/assessments/${assessment.id}?c=${characteristic.key}` },
          { label: evidence.title },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1>{evidence.title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {assessment.city.name} · {characteristic.name[lang]} · {tEvidence(`kinds.${evidence.kind}`)} ·{" "}
            <EvidenceAuthorName name={detail.author.name} />
            {detail.author.departmentName || detail.author.organisation
              ? ` (${detail.author.departmentName ?? detail.author.organisation})`
              : ""}
          </p>
        </div>
        <EvidenceStatusBadge status={evidence.status} />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {revisions.map((r, index) => (
            <Card key={r.revision}>
              <CardHeader
                title={
                  index === 0
                    ? tEvidence("detail.currentRevision", { revision: r.revision })
                    : tEvidence("detail.revisionSummary", {
                        revision: r.revision,
                        title: r.title,
                        at: format.dateTime(r.createdAt, { dateStyle: "medium" }),
                      })
                }
                description={index === 0 ? format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" }) : undefined}
              />
              {index === 0 ? <p className="mb-2 font-medium">{r.title}</p> : null}
              <EvidencePayloadView
                kind={evidence.kind}
                payload={r.payload}
                file={r.file}
                downloadHref={r.file ? `/api/evidence/${evidence.id}/file?revision=${r.revision}` : undefined}
                questionText={narrativeQuestion(r.payload)}
              />
              {index === 0 ? <PublicContentNote kind={evidence.kind} publicContent={evidence.publicContent} /> : null}
              <h3 className="mt-4 text-sm font-semibold">{tEvidence("detail.claimedCriteria")}</h3>
              {r.criterionKeys.length ? (
                <ul className="mt-1 list-disc pl-5 text-sm" data-testid={index === 0 ? "claimed-criteria" : undefined}>
                  {criteriaOf(r.criterionKeys).map((c) => (
                    <li key={c.key}>
                      <span className="font-medium">{c.levelLabel}:</span> {c.text}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">{tEvidence("detail.noCriteria")}</p>
              )}
            </Card>
          ))}
        </div>
        <aside className="space-y-6">
          <Card>
            <CardHeader title={t("decision.title")} />
            <ReviewDecisionForm
              evidenceId={evidence.id}
              revision={evidence.currentRevision}
              nextItem={nextItem}
              notReviewable={permissions.canReview ? null : t("item.notReviewable", { status: tEvidence(`status.${evidence.status}`) })}
            />
            <ul className="mt-4 space-y-1 text-sm">
              <li>
                <Link href={`/review/assessments/${assessment.id}?c=${characteristic.key}`}>
                  {t("item.judge", { characteristic: characteristic.name[lang] })}
                </Link>
              </li>
              {nextItem && permissions.canReview ? (
                <li>
                  <Link href={nextItem.href} data-testid="skip-to-next">
                    {t("item.skip", { title: nextItem.title, city: nextItem.city })}
                  </Link>
                </li>
              ) : null}
            </ul>
          </Card>
          <Card>
            <CardHeader title={tEvidence("detail.reviews")} />
            {reviews.length === 0 ? (
              <EmptyState title={tEvidence("detail.noReviews")} />
            ) : (
              <ol className="space-y-3 text-sm">
                {reviews.map((r) => (
                  <li key={r.id}>
                    <EvidenceStatusBadge status={r.decision} />{" "}
                    <span className="text-slate-600">
                      {tEvidence("detail.reviewMeta", {
                        revision: r.revision,
                        reviewer: r.reviewerName,
                        at: format.dateTime(r.createdAt, { dateStyle: "medium" }),
                      })}
                    </span>
                    {r.note ? <p className="mt-1 whitespace-pre-wrap">{r.note}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </aside>
      </div>
      <CommentThread assessmentId={assessment.id} targetType="evidence" targetKey={evidence.id} headingLevel={2} />
    </div>
  );
}
