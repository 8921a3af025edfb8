import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { KpiForm } from "@/components/kpis/kpi-form";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { kpiCityFor } from "../kpi-city";
import { kpiFormOptions } from "../kpi-form-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("kpis.form"))("newTitle") };
}

export default async function NewKpiPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/kpis/new?city=${requestedSlug}` : "/kpis/new";
  const viewer = await requireViewer(path);
  const [t, caller, lang] = await Promise.all([getTranslations("kpis"), getServerCaller(), pageLang()]);
  const { city } = await kpiCityFor(viewer, requestedSlug);
  if (!city) return <Alert tone="info">{t("noCity")}</Alert>;
  const owners = await loadForPage(caller.kpis.owners({ cityId: city.id }), path);
  const options = await kpiFormOptions(lang === "zh" ? "zh" : "en");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={`/kpis?city=${encodeURIComponent(city.slug)}`} className="text-sm">
          ← {t("form.back")}
        </Link>
        <h1 className="mt-2">{`${t("form.newTitle")} · ${city.name}`}</h1>
      </div>
      <Card>
        <KpiForm target={{ mode: "create", cityId: city.id }} owners={owners} {...options} />
      </Card>
    </div>
  );
}
