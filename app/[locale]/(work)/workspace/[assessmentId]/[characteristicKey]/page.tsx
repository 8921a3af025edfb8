import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { criterionOptions, questionOptions } from "@/app/_lib/framework-options";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { AddEvidencePanel } from "@/components/evidence/add-evidence-panel";
import { EvidenceList } from "@/components/evidence/evidence-list";
import { LevelBadge } from "@/components/public/level-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { characteristicOf, frameworkOf } from "@/server/assessments/assessment-framework";
import { canContribute } from "@/server/assessments/assessment-phase";
import { criterionChips } from "@/server/evidence/criterion-labels";
import type { GuidingQuestion } from "@/server/scoring/framework-types";
import { CRITERIA_LEVELS } from "@/server/scoring/levels";
import { EVIDENCE_KINDS } from "@/shared/domain-values";

type Params = { assessmentId: string; characteristicKey: string };

export async function generateMetadata() {
  return { title: (await getTranslations("evidence"))("workspace.title") };
}

function Questions({ questions, lang }: { questions: readonly GuidingQuestion[]; lang: "en" | "zh" }) {
  return (
    <ol className="list-decimal space-y-1 pl-5">
      {questions.map((q) => (
        <li key={q.key}>
          {q.text[lang]}
          {q.subQuestions.length ? <Questions questions={q.subQuestions} lang={lang} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** One characteristic of the open assessment: what to show, what is there, and the forms to add more. */
export default async function CharacteristicWorkspacePage({ params }: { params: Promise<Params> }) {
  const { assessmentId, characteristicKey } = await params;
  const path = `/workspace/${assessmentId}/${characteristicKey}`;
  const viewer = await requireViewer(path);
  const [t, tLevels, lang, caller] = await Promise.all([
    getTranslations("evidence"),
    getTranslations("review.levels"),
    pageLang(),
    getServerCaller(),
  ]);
  const assessment = await loadForPage(caller.assessments.get({ assessmentId }), path);
  const framework = frameworkOf(assessment);
  const characteristic = characteristicOf(framework, characteristicKey);
  if (!characteristic) notFound();

  // What the viewer may do comes from the server (the permission table and the partner scope).
  const mayContribute = assessment.evidenceCharacteristics.includes(characteristic.key);
  const outOfScope = !mayContribute && assessment.allowed.includes("evidence:submit");
  // Presentation only: partners mostly report partnerships, so that kind comes first for them.
  const role = viewer.memberships.find((m) => m.cityId === assessment.cityId)?.role;
  const open = canContribute(assessment.status);
  const levelLabel = (level: string) => tLevels(level as "basic");
  const criteria = criterionOptions(characteristic, lang, levelLabel);

  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), href: `/workspace?city=${assessment.city.slug}` },
          { label: t("workspace.assessmentTitle", { city: assessment.city.name, cycle: assessment.cycle }) },
          { label: characteristic.name[lang] },
        ]}
      />
      <div>
        <h1>{characteristic.name[lang]}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{characteristic.description[lang]}</p>
      </div>
      <nav aria-label={t("characteristics")}>
        <ul className="flex flex-wrap gap-1 text-sm">
          {framework.characteristics.map((c) => (
            <li key={c.key}>
              <Link
                href={`/workspace/${assessment.id}/${c.key}`}
                aria-current={c.key === characteristic.key ? "page" : undefined}
                className="block rounded-md px-2 py-1 no-underline hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold"
              >
                {c.name[lang]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t("guidingQuestions")} />
          <div className="text-sm text-slate-800">
            <Questions questions={characteristic.questions} lang={lang} />
          </div>
        </Card>
        <Card>
          <CardHeader title={t("criteriaByLevel")} />
          {characteristic.rateable ? (
            <div className="space-y-3">
              {CRITERIA_LEVELS.map((level) => (
                <section key={level} aria-label={levelLabel(level)}>
                  <LevelBadge level={level} label={levelLabel(level)} />
                  <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                    {characteristic.criteria
                      .filter((c) => c.level === level)
                      .map((c) => (
                        <li key={c.key}>{c.text[lang]}</li>
                      ))}
                  </ul>
                </section>
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("unrated")}</p>
          )}
        </Card>
      </div>

      <Card>
        <CardHeader title={t("evidenceSoFar")} />
        <EvidenceList
          assessmentId={assessment.id}
          characteristicKey={characteristic.key}
          criterionLabels={criterionChips(framework, lang)}
        />
      </Card>

      {mayContribute ? (
        <Card>
          <CardHeader title={t("addEvidence")} />
          {open ? (
            <AddEvidencePanel
              assessmentId={assessment.id}
              characteristicKey={characteristic.key}
              kinds={role === "partner" ? ["ppp", ...EVIDENCE_KINDS.filter((k) => k !== "ppp")] : EVIDENCE_KINDS}
              criteria={criteria}
              questions={questionOptions(characteristic, lang)}
            />
          ) : (
            <Alert tone="info">{t(`workspace.phase.${assessment.status}`)}</Alert>
          )}
        </Card>
      ) : outOfScope ? (
        <Alert tone="info">{t("partnerScope")}</Alert>
      ) : null}
    </div>
  );
}
