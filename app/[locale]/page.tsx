import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { localizedAlternates } from "@/app/_lib/public-page-metadata";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { alternates: localizedAlternates("/", (await params).locale) };
}

export default async function HomePage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations("common.home");
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-900 px-6 py-12 text-white sm:px-10">
        <h1 className="max-w-3xl text-3xl font-bold text-white sm:text-4xl">{t("title")}</h1>
        <p className="mt-4 max-w-3xl text-brand-50">{t("intro")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Button asChild variant="secondary">
            <Link href="/cities">{t("browseCities")}</Link>
          </Button>
          <Button asChild className="bg-white/10 ring-1 ring-white/40 hover:bg-white/20">
            <Link href="/benchmark">{t("seeBenchmark")}</Link>
          </Button>
        </div>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h2>{t("staircaseTitle")}</h2>
          <p className="mt-2 text-sm text-slate-700">{t("staircaseText")}</p>
          <ol className="mt-4 flex items-end gap-1" aria-hidden>
            {[1, 2, 3, 4].map((step) => (
              <li key={step} className="w-1/4 rounded-t bg-brand-500" style={{ height: `${step * 18}px`, opacity: 0.4 + step * 0.15 }} />
            ))}
          </ol>
        </Card>
        <Card>
          <h2>{t("rolesTitle")}</h2>
          <p className="mt-2 text-sm text-slate-700">{t("rolesText")}</p>
        </Card>
      </div>
    </div>
  );
}
