import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { MySubmissions } from "@/components/evidence/my-submissions";
import { OpenAssessmentForm } from "@/components/evidence/open-assessment-form";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { frameworkOf } from "@/server/assessments/assessment-framework";
import { can } from "@/server/auth/permissions";
import { currentFramework } from "@/server/scoring/framework-registry";
import { EVIDENCE_STATUSES } from "@/shared/domain-values";

export async function generateMetadata() {
  return { title: (await getTranslations("evidence"))("workspace.title") };
}

const STATUS_TONE = { submitted: "blue", accepted: "green", changes_requested: "amber", rejected: "red", withdrawn: "slate" } as const;

export default async function WorkspacePage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const viewer = await requireViewer("/workspace");
  const [t, tPlanning, lang, params] = await Promise.all([
    getTranslations("evidence"),
    getTranslations("planning"),
    pageLang(),
    searchParams,
  ]);
  // A workspace in every city where the viewer may read the assessment (citizens have none).
  const memberships = viewer.memberships.filter((m) => can(m.role, "assessment:read"));
  const characteristicNames = Object.fromEntries(currentFramework().characteristics.map((c) => [c.key, c.name[lang]]));

  if (memberships.length === 0) {
    return (
      <div className="space-y-6">
        <h1>{t("workspace.title")}</h1>
        <EmptyState title={t("workspace.noCity")}>{t("workspace.noCityHint")}</EmptyState>
      </div>
    );
  }
  const membership = memberships.find((m) => m.citySlug === params.city) ?? memberships[0];
  const isContributor = can(membership.role, "evidence:submit");
  const caller = await getServerCaller();
  const assessment = await loadForPage(caller.assessments.current({ cityId: membership.cityId }), "/workspace");
  const summary = assessment ? await loadForPage(caller.evidence.summary({ assessmentId: assessment.id }), "/workspace") : [];
  const countsByCharacteristic = new Map<string, Map<string, number>>();
  for (const row of summary) {
    const counts = countsByCharacteristic.get(row.characteristicKey) ?? new Map<string, number>();
    counts.set(row.status, row.count);
    countsByCharacteristic.set(row.characteristicKey, counts);
  }

  return (
    <div className="space-y-6">
      <div>
        <h1>{t("workspace.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(`workspace.intro.${membership.role as "department"}`)}</p>
        {can(membership.role, "plan:write") ? (
          <p className="mt-2 text-sm">
            <Link href={`/plans?city=${encodeURIComponent(membership.citySlug)}`}>{tPlanning("nav")}</Link>
          </p>
        ) : null}
      </div>

      {memberships.length > 1 ? (
        <nav aria-label={t("workspace.chooseCity")}>
          <ul className="flex flex-wrap gap-2">
            {memberships.map((m) => (
              <li key={m.cityId}>
                <Link
                  href={`/workspace?city=${m.citySlug}`}
                  aria-current={m.cityId === membership.cityId ? "page" : undefined}
                  className="rounded-full border border-slate-300 px-3 py-1 text-sm no-underline aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50"
                >
                  {m.cityName}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {!assessment ? (
        <Card>
          <CardHeader title={membership.cityName} />
          <EmptyState title={t("workspace.noAssessment")}>{t("workspace.noAssessmentHint")}</EmptyState>
          {can(membership.role, "assessment:open") ? (
            <div className="mt-4">
              <OpenAssessmentForm cityId={membership.cityId} suggestedCycle={String(new Date().getUTCFullYear())} />
            </div>
          ) : null}
        </Card>
      ) : (
        <Card>
          <CardHeader
            title={t("workspace.assessmentTitle", { city: membership.cityName, cycle: assessment.cycle })}
            description={t(`workspace.phase.${assessment.status}`)}
            actions={<Badge tone={assessment.status === "draft" ? "blue" : "amber"}>{t(`assessmentStatus.${assessment.status}`)}</Badge>}
          />
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="characteristic-grid">
            {frameworkOf(assessment).characteristics.map((characteristic) => {
              const counts = countsByCharacteristic.get(characteristic.key);
              // A contributor outside their scope (a partner on a department characteristic) only reads.
              const viewOnly =
                assessment.allowed.includes("evidence:submit") && !assessment.evidenceCharacteristics.includes(characteristic.key);
              return (
                <li key={characteristic.key} className="rounded-lg border border-slate-200 p-4">
                  <Link href={`/workspace/${assessment.id}/${characteristic.key}`} className="font-medium">
                    {characteristic.name[lang]}
                  </Link>
                  {viewOnly ? <span className="ml-2 text-xs text-slate-500">{t("workspace.viewOnly")}</span> : null}
                  <p className="mt-1 line-clamp-2 text-xs text-slate-600">{characteristic.description[lang]}</p>
                  <p className="mt-2 flex flex-wrap gap-1">
                    {counts ? (
                      EVIDENCE_STATUSES.filter((s) => counts.get(s)).map((s) => (
                        <Badge key={s} tone={STATUS_TONE[s]}>
                          {t("workspace.statusCount", { count: counts.get(s) ?? 0, status: t(`status.${s}`) })}
                        </Badge>
                      ))
                    ) : (
                      <span className="text-xs text-slate-500">{t("workspace.noEvidenceYet")}</span>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
          <p className="mt-4 text-sm">
            <Link href={`/review/assessments/${assessment.id}`} className="underline">
              {t("workspace.judgements")}
            </Link>
          </p>
        </Card>
      )}

      {isContributor ? (
        <Card>
          <CardHeader title={t("mine.title")} description={t("mine.description")} />
          <MySubmissions characteristicNames={characteristicNames} />
        </Card>
      ) : null}
    </div>
  );
}
