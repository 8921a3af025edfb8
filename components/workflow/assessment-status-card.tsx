import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { loadAssessmentOverview } from "@/server/workflow/assessment-overview";
import { AssessmentStatusBadge } from "./assessment-status-badge";
import { WorkflowActions } from "./workflow-actions";

export type AssessmentOverview = Omit<Awaited<ReturnType<typeof loadAssessmentOverview>>, "levels" | "scoringProblems">;

type Props = {
  overview: AssessmentOverview;
  characteristicNames: Record<string, string>;
  /** Shown on the dashboard, hidden on the timeline page itself. */
  timelineLink?: boolean;
  dashboardLink?: boolean;
};

/**
 * Where the assessment stands: status, publication notices, the round's approvals, and what is
 * waiting on the viewer (with the buttons) or on others.
 */
export function AssessmentStatusCard({ overview, characteristicNames, timelineLink, dashboardLink }: Props) {
  const t = useTranslations("workflow");
  const tAudit = useTranslations("audit.timeline");
  const format = useFormatter();
  const { assessment, city, approvals, options, carriedOver } = overview;
  const ready = options.filter((o) => o.blockedBy.length === 0);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Card aria-labelledby="assessment-status-title" data-testid="assessment-status-card">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="assessment-status-title" className="flex flex-wrap items-center gap-2">
            {t("leadership.cycle", { cycle: assessment.cycle })} <AssessmentStatusBadge status={assessment.status} />
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t(`statusHelp.${assessment.status}`)}</p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          {timelineLink ? <Link href={`/assessments/${assessment.id}/timeline`}>{t("leadership.openTimeline")}</Link> : null}
          {dashboardLink ? <Link href={`/leadership?city=${encodeURIComponent(city.slug)}`}>{tAudit("backToDashboard")}</Link> : null}
        </div>
      </div>

      <div className="space-y-3">
        {assessment.status === "published" && assessment.publishedAt ? (
          <Alert tone="success">
            {t("publishedOn", { date: date(assessment.publishedAt) })}
            {assessment.lastRepublishedAt ? (
              <span className="block" data-testid="republished-on">
                {t("republishedOn", { date: date(assessment.lastRepublishedAt) })}
              </span>
            ) : null}
          </Alert>
        ) : null}
        {assessment.status !== "published" && assessment.withdrawnAt ? (
          <Alert tone="warning">
            {t("withdrawnNotice", { date: date(assessment.withdrawnAt), reason: assessment.withdrawnReason ?? "" })}
          </Alert>
        ) : null}
        {assessment.copiedFromId && (carriedOver.judgements > 0 || carriedOver.ratings > 0) ? (
          <Alert tone="info">{t("carriedOver", carriedOver)}</Alert>
        ) : null}

        {assessment.status === "rated" || approvals.length > 0 ? (
          <section aria-labelledby="approvals-title" className="rounded-lg bg-slate-50 p-3">
            <h3 id="approvals-title" className="text-sm font-semibold">
              {t("approvals.title")} ·{" "}
              <span data-testid="approval-progress">
                {t("approvals.progress", { count: approvals.length, required: city.approvalsRequired })}
              </span>
            </h3>
            {approvals.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">{t("approvals.none")}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {approvals.map((a) => (
                  <li key={a.userId}>
                    <span className="font-medium">{a.name}</span> <span className="text-slate-600">{date(a.createdAt)}</span>
                    {a.comment ? <span className="block text-slate-700">“{a.comment}”</span> : null}
                  </li>
                ))}
              </ul>
            )}
            {overview.viewerHasApproved ? <p className="mt-1 text-sm text-emerald-800">{t("approvals.youApproved")}</p> : null}
          </section>
        ) : null}

        <section aria-labelledby="waiting-title">
          <h3 id="waiting-title" className="mb-2 text-sm font-semibold">
            {t("waiting.title")}
          </h3>
          {options.length === 0 || ready.length === 0 ? (
            <p className="mb-2 text-sm text-slate-600">
              {t("waiting.nothing")} {t(`waiting.others.${assessment.status}`)}
            </p>
          ) : null}
          <WorkflowActions
            assessmentId={assessment.id}
            status={assessment.status}
            options={options}
            characteristicNames={characteristicNames}
          />
        </section>
      </div>
    </Card>
  );
}
