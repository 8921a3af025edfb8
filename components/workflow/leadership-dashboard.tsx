import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import type { loadLeadershipDashboard } from "@/server/workflow/assessment-overview";
import { AssessmentStatusCard } from "./assessment-status-card";
import { BalanceAndRoadmap } from "./balance-and-roadmap";
import { EvidenceCountsTable } from "./evidence-counts-table";
import { MaturityProfile } from "./maturity-profile";
import { StartNextCycleForm } from "./start-next-cycle-form";

type Dashboard = Awaited<ReturnType<typeof loadLeadershipDashboard>>;

type Props = {
  dashboard: Dashboard;
  characteristics: { key: string; name: string; rateable: boolean }[];
  characteristicNames: Record<string, string>;
  canStartNextCycle: boolean;
};

function suggestNextCycle(cycle: string): string {
  return /^\d{4}$/.test(cycle) ? String(Number(cycle) + 1) : String(new Date().getUTCFullYear());
}

/** The leadership group's view of its city's assessment. */
export function LeadershipDashboard({ dashboard, characteristics, characteristicNames, canStartNextCycle }: Props) {
  const t = useTranslations("workflow.leadership");
  const tGoodPractice = useTranslations("goodPractice");
  const { current, previous, city } = dashboard;
  if (!current) {
    return (
      <EmptyState title={t("noAssessment", { city: city.name })}>
        <p>{t("noAssessmentHint")}</p>
        {canStartNextCycle ? (
          <p className="mt-2">
            <Link href={`/workspace?city=${encodeURIComponent(city.slug)}`}>{t("openInWorkspace")}</Link>
          </p>
        ) : null}
      </EmptyState>
    );
  }
  const sourceByKey = new Map(current.characteristics.map((c) => [c.key as string, c.finalSource]));
  return (
    <div className="space-y-6" data-testid="leadership-dashboard">
      <AssessmentStatusCard overview={current} characteristicNames={characteristicNames} timelineLink />
      {current.assessment.status === "published" && canStartNextCycle ? (
        <StartNextCycleForm assessmentId={current.assessment.id} suggestion={suggestNextCycle(current.assessment.cycle)} />
      ) : null}
      <MaturityProfile
        characteristics={characteristics.map((c) => ({ ...c, finalSource: sourceByKey.get(c.key) }))}
        current={{ cycle: current.assessment.cycle, levels: current.levels }}
        previous={previous ? { cycle: previous.cycle, levels: previous.levels } : null}
        problem={current.scoringProblems.length > 0 ? current.scoringProblems.map((p) => p.message).join("; ") : null}
      />
      <BalanceAndRoadmap balance={current.balance} roadmap={current.roadmap} characteristicNames={characteristicNames} />
      <p className="text-sm">
        <Link href={`/good-practice?city=${encodeURIComponent(city.slug)}`} className="underline">
          {tGoodPractice("dashboardLink")}
        </Link>
      </p>
      <EvidenceCountsTable counts={current.evidenceByCharacteristic} characteristics={characteristics} />
    </div>
  );
}
