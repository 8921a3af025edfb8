import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { KpiCsvImport } from "@/components/kpis/kpi-csv-import";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { kpiCityFor } from "../kpi-city";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("kpis.import"))("title") };
}

const EXAMPLE =
  "kpi,period,value,unit,note\nenergy.renewable_share,2024,18.5,%,\nenergy.street_lighting_electricity,2024-06-30,1.2,MWh/km,Half-year reading";

export default async function KpiImportPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/kpis/import?city=${requestedSlug}` : "/kpis/import";
  const viewer = await requireViewer(path);
  const t = await getTranslations("kpis");
  const { city } = await kpiCityFor(viewer, requestedSlug);
  if (!city) return <Alert tone="info">{t("noCity")}</Alert>;
  const registerHref = `/kpis?city=${encodeURIComponent(city.slug)}`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={registerHref} className="text-sm">
          ← {t("form.back")}
        </Link>
        <h1 className="mt-2">{`${t("import.title")} · ${city.name}`}</h1>
        <p className="mt-2 text-sm text-slate-700">{t("import.intro")}</p>
        <p className="mt-2 text-sm font-medium">{t("import.example")}</p>
        <pre className="mt-1 overflow-x-auto rounded-md bg-slate-100 p-2 text-xs">{EXAMPLE}</pre>
      </div>
      <Card>
        <KpiCsvImport cityId={city.id} registerHref={registerHref} />
      </Card>
    </div>
  );
}
