import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { KpiForm } from "@/components/kpis/kpi-form";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { kpiFormOptions } from "../../../kpi-form-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("kpis.form"))("editTitle") };
}

export default async function EditKpiPage({ params }: { params: Promise<{ kpiId: string }> }) {
  const { kpiId } = await params;
  const path = `/kpis/register/${kpiId}/edit`;
  await requireViewer(path);
  const [t, caller, lang] = await Promise.all([getTranslations("kpis"), getServerCaller(), pageLang()]);
  const { kpi } = await loadForPage(caller.kpis.get({ kpiId }), path);
  const owners = await loadForPage(caller.kpis.owners({ cityId: kpi.cityId }), path);
  const options = await kpiFormOptions(lang === "zh" ? "zh" : "en");
  const initial = {
    isCustom: kpi.isCustom,
    indicatorKey: kpi.indicatorKey ?? "",
    customNameEn: kpi.customName?.en,
    customNameZh: kpi.customName?.zh,
    customDefinitionEn: kpi.customDefinition?.en,
    customDefinitionZh: kpi.customDefinition?.zh,
    unit: kpi.unit,
    unitFamily: kpi.unitFamily,
    direction: kpi.direction,
    baselineValue: kpi.baselineValue,
    baselineYear: kpi.baselineYear,
    targetValue: kpi.targetValue,
    targetYear: kpi.targetYear,
    ownerId: kpi.ownerId,
    characteristicKeys: kpi.characteristicKeys as never,
    objectives: kpi.objectives,
    isPublic: kpi.isPublic,
    frequencyMonths: kpi.frequencyMonths,
  };
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={`/kpis/register/${kpi.id}`} className="text-sm">
          ← {kpi.name[lang === "zh" ? "zh" : "en"]}
        </Link>
        <h1 className="mt-2">{t("form.editTitle")}</h1>
      </div>
      <Card>
        <KpiForm target={{ mode: "edit", kpiId: kpi.id, version: kpi.version }} initial={initial} owners={owners} {...options} />
      </Card>
    </div>
  );
}
