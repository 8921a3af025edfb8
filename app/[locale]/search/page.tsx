import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SearchPage } from "@/components/search/search-page";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string | string[] }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "search" });
  return { title: t("pageTitle"), robots: { index: false } };
}

/** Search for everyone: anonymous visitors find public content, members also what their roles show them. */
export default async function Page({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("search");
  const { q } = await searchParams;
  const initial = (Array.isArray(q) ? q[0] : q) ?? "";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("pageTitle")}</h1>
      <SearchPage initialQuery={initial.slice(0, 200)} />
    </div>
  );
}
