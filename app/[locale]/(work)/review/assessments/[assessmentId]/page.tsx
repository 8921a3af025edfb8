import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { criterionShortLabels } from "@/app/_lib/framework-options";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { JudgementPanel } from "@/components/review/judgement-panel";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Badge } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { characteristicOf, frameworkOf } from "@/server/assessments/assessment-framework";

export async function generateMetadata() {
  return { title: (await getTranslations("review"))("panel.title") };
}

/** Criterion judgements and rated levels of one assessment, characteristic by characteristic. */
export default async function JudgementPage({
  params,
  searchParams,
}: {
  params: Promise<{ assessmentId: string }>;
  searchParams: Promise<{ c?: string }>;
}) {
  const [{ assessmentId }, { c }] = await Promise.all([params, searchParams]);
  const path = `/review/assessments/${assessmentId}`;
  await requireViewer(path);
  const [t, tEvidence, tLevels, lang, caller] = await Promise.all([
    getTranslations("review"),
    getTranslations("evidence"),
    getTranslations("review.levels"),
    pageLang(),
    getServerCaller(),
  ]);
  const assessment = await loadForPage(caller.assessments.get({ assessmentId }), path);
  const framework = frameworkOf(assessment);
  const characteristic = characteristicOf(framework, c ?? framework.characteristics[0].key);
  if (!characteristic) notFound();
  const levelLabel = (level: string) => tLevels(level as "basic");
  // Judges (the server says who) come from the review desk and may edit; everyone else reads.
  const judges = assessment.allowed.includes("judgement:write");
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          judges ? { label: t("queue.title"), href: "/review" } : { label: tEvidence("workspace.title"), href: "/workspace" },
          { label: `${assessment.city.name} ${assessment.cycle}` },
          { label: characteristic.name[lang] },
        ]}
      />
      <div className="flex flex-wrap items-center gap-3">
        <h1>{t("panel.heading", { city: assessment.city.name, cycle: assessment.cycle })}</h1>
        <Badge tone={assessment.status === "draft" ? "blue" : "amber"}>{tEvidence(`assessmentStatus.${assessment.status}`)}</Badge>
      </div>
      <nav aria-label={tEvidence("characteristics")}>
        <ul className="flex flex-wrap gap-1 text-sm">
          {framework.characteristics.map((item) => (
            <li key={item.key}>
              <Link
                href={`${path}?c=${item.key}`}
                aria-current={item.key === characteristic.key ? "page" : undefined}
                className="block rounded-md px-2 py-1 no-underline hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold"
              >
                {item.name[lang]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="text-xl">{characteristic.name[lang]}</h2>
      <JudgementPanel
        key={characteristic.key}
        assessmentId={assessment.id}
        characteristicKey={characteristic.key}
        rateable={characteristic.rateable}
        criteria={characteristic.criteria.map((criterion) => ({
          key: criterion.key,
          level: criterion.level,
          levelLabel: levelLabel(criterion.level),
          text: criterion.text[lang],
          note: criterion.note?.[lang],
        }))}
        characteristicNames={Object.fromEntries(framework.characteristics.map((item) => [item.key, item.name[lang]]))}
        criterionLabels={criterionShortLabels(framework, levelLabel)}
        canEdit={judges}
      />
    </div>
  );
}
