import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { FORBIDDEN, loadForPage } from "@/app/_lib/page-errors";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { AssessmentStatusCard } from "@/components/workflow/assessment-status-card";
import { AssessmentTimeline } from "@/components/workflow/assessment-timeline";
import { ChainVerification } from "@/components/workflow/chain-verification";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { getServerCaller } from "@/server/api/server-caller";

type Params = { params: Promise<{ assessmentId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("timeline.title") };
}

/** Status, actions and the audit timeline of one assessment (leadership, experts, admins). */
export default async function AssessmentTimelinePage({ params }: Params) {
  const { assessmentId } = await params;
  const path = `/assessments/${assessmentId}/timeline`;
  const viewer = await requireViewer(path);
  if (!UUID.test(assessmentId)) notFound();
  const [t, tCommon, locale, caller] = await Promise.all([
    getTranslations("audit"),
    getTranslations("common"),
    getLocale(),
    getServerCaller(),
  ]);

  const data = await loadForPage(
    Promise.all([caller.workflow.overview({ assessmentId }), caller.audit.timeline({ assessmentId, limit: 30 })]),
    path,
    { forbidden: "return" },
  );
  if (data === FORBIDDEN) return <Alert>{tCommon("forbidden")}</Alert>;
  const [overview, firstPage] = data;
  const labels = characteristicLabels(locale, overview.assessment);
  const showDashboardLink =
    viewer.globalRole !== null || viewer.memberships.some((m) => m.cityId === overview.city.id && m.role === "leadership");
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          showDashboardLink
            ? { label: tCommon("nav.leadership"), href: "/leadership" }
            : { label: tCommon("nav.dashboard"), href: "/dashboard" },
          { label: `${overview.city.name} ${overview.assessment.cycle}` },
          { label: t("timeline.title") },
        ]}
      />
      <div>
        <h1>{t("timeline.pageTitle", { city: overview.city.name, cycle: overview.assessment.cycle })}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("timeline.intro")}</p>
      </div>
      <AssessmentStatusCard overview={overview} characteristicNames={labels.names} dashboardLink={showDashboardLink} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2" aria-labelledby="timeline-title">
          <CardHeader title={<span id="timeline-title">{t("timeline.title")}</span>} />
          <AssessmentTimeline assessmentId={assessmentId} initialPage={firstPage} />
        </Card>
        <Card aria-labelledby="verify-title" className="self-start">
          <CardHeader title={<span id="verify-title">{t("verify.title")}</span>} />
          <ChainVerification assessmentId={assessmentId} />
        </Card>
      </div>
    </div>
  );
}
