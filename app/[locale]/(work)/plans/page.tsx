import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { planCityFor } from "@/app/_lib/plan-city";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { CityChoiceForm } from "@/components/layout/city-choice-form";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("planning"))("title") };
}

export default async function PlansPage({ searchParams }: { searchParams: Promise<{ city?: string }> }) {
  const { city: requestedSlug } = await searchParams;
  const path = requestedSlug ? `/plans?city=${encodeURIComponent(requestedSlug)}` : "/plans";
  const viewer = await requireViewer(path);
  const [t, format, locale, caller] = await Promise.all([getTranslations("planning"), getFormatter(), getLocale(), getServerCaller()]);
  const city = await planCityFor(viewer, requestedSlug);
  const list = city ? await loadForPage(caller.plans.list({ cityId: city.id }), path) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl">
          <h1>{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        {city && list?.canWrite ? (
          <Button asChild>
            <Link href={`/plans/new?city=${encodeURIComponent(city.slug)}`}>{t("newPlan")}</Link>
          </Button>
        ) : null}
      </div>
      {city ? (
        <CityChoiceForm
          action={`/${locale}/plans`}
          cities={city.planningCities}
          selectedSlug={city.slug}
          cityLabel={t("chooseCity")}
          submitLabel={t("show")}
        />
      ) : null}
      {!city || !list ? (
        <EmptyState title={t("noCity")} />
      ) : (
        <>
          <Card>
            <CardHeader title={t("listTitle", { city: city.name })} />
            {list.items.length === 0 ? (
              <EmptyState title={list.canWrite ? t("empty") : t("emptyPublic")}>{list.canWrite ? t("emptyHint") : null}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="plan-list">
                {list.items.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                    <div className="min-w-0">
                      <Link href={`/plans/${p.id}`} className="font-medium">
                        {p.name}
                      </Link>
                      <p className="text-sm text-slate-600">
                        {t("targetCycle", { cycle: p.targetCycle })} · {t("criteriaCount", { count: p.criteriaCount })} ·{" "}
                        {format.dateTime(p.updatedAt, { dateStyle: "medium" })}
                      </p>
                    </div>
                    <Badge tone={p.publishedAt ? "green" : "slate"}>{p.publishedAt ? t("published") : t("private")}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {list.items.length >= 2 ? (
            <Card>
              <CardHeader title={t("compareTitle")} description={t("compareHint")} />
              <form method="get" action={`/${locale}/plans/compare`} className="flex flex-wrap items-end gap-3">
                {(["a", "b"] as const).map((field, i) => (
                  <div key={field} className="min-w-0 space-y-1">
                    <label htmlFor={`compare-${field}`} className="block text-sm font-medium text-slate-800">
                      {i === 0 ? t("planA") : t("planB")}
                    </label>
                    <select
                      id={`compare-${field}`}
                      name={field}
                      defaultValue={list.items[i].id}
                      className="w-full max-w-xs rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
                    >
                      {list.items.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
                <Button type="submit" variant="secondary">
                  {t("compare")}
                </Button>
              </form>
            </Card>
          ) : null}
        </>
      )}
    </div>
  );
}
