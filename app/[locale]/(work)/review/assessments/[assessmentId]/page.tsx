import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { JudgementPanel } from "@/components/review/judgement-panel";
import { NextStepLinks } from "@/components/review/next-step-links";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/states";
import { WorkflowActions } from "@/components/workflow/workflow-actions";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { characteristicOf, frameworkOf } from "@/server/assessments/assessment-framework";
import { criterionChips } from "@/server/evidence/criterion-labels";

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
  // Where the expert goes next without the queue: the next characteristic, the oldest waiting item,
  // and the "mark as rated" step (with its preconditions) on this page.
  const [queue, overview] = judges
    ? await Promise.all([caller.review.queue({ limit: 1 }), caller.workflow.overview({ assessmentId })])
    : [null, null];
  const position = framework.characteristics.findIndex((item) => item.key === characteristic.key);
  const nextCharacteristic = framework.characteristics[position + 1] ?? null;
  const nextQueued = queue?.items[0] ?? null;
  const markRated = overview?.options.filter((o) => o.transition === "mark_rated") ?? [];
  const characteristicNames = Object.fromEntries(framework.characteristics.map((item) => [item.key, item.name[lang]]));
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
        characteristicNames={characteristicNames}
        criterionLabels={Object.fromEntries(
          Object.values(criterionChips(framework, lang)).map((chip) => [
            chip.key,
            `${chip.shortText} (${levelLabel(chip.level)} ${chip.position})`,
          ]),
        )}
        canEdit={judges}
        next={
          judges ? (
            <NextStepLinks
              nextCharacteristic={
                nextCharacteristic ? { href: `${path}?c=${nextCharacteristic.key}`, name: nextCharacteristic.name[lang] } : null
              }
              markRatedHref={markRated.length ? "#mark-rated" : null}
              nextQueued={
                nextQueued ? { href: `/review/evidence/${nextQueued.id}`, title: nextQueued.title, city: nextQueued.cityName } : null
              }
            />
          ) : null
        }
      />
      {judges && overview ? (
        <Card id="mark-rated" aria-labelledby="mark-rated-title" className="scroll-mt-4">
          <CardHeader title={<span id="mark-rated-title">{t("markRated.title")}</span>} description={t("markRated.description")} />
          {markRated.length ? (
            <WorkflowActions
              assessmentId={assessment.id}
              status={overview.assessment.status}
              options={markRated}
              characteristicNames={characteristicNames}
            />
          ) : (
            <p className="text-sm text-slate-600" data-testid="mark-rated-unavailable">
              {t(`markRated.notNow.${overview.assessment.status === "draft" ? "draft" : "past"}`)}
            </p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
