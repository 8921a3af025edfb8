import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { PlanComparison } from "@/components/planning/plan-comparison";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Alert, EmptyState } from "@/components/ui/states";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("planning"))("compareView.title") };
}

export default async function ComparePlansPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
}) {
  const [{ locale }, { a, b }] = await Promise.all([params, searchParams]);
  if (typeof a !== "string" || typeof b !== "string") notFound();
  const path = `/plans/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  await requireViewer(path);
  const [t, caller] = await Promise.all([getTranslations("planning"), getServerCaller()]);
  if (a === b) return <EmptyState title={t("compareView.samePlan")} />;
  const { plans } = await loadForPage(caller.plans.compare({ planId: a, otherPlanId: b }), path);
  const [first, second] = plans;
  const labels = characteristicLabels(locale, first.base);
  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[{ label: t("title"), href: `/plans?city=${encodeURIComponent(first.city.slug)}` }, { label: t("compareView.title") }]}
      />
      <h1 className="break-words">{`${t("compareView.title")}: ${first.plan.name} · ${second.plan.name}`}</h1>
      {first.now.ok && first.planned.ok && second.planned.ok ? (
        <PlanComparison
          now={first.now.value}
          plans={[
            { id: first.plan.id, name: first.plan.name, score: first.planned.value },
            { id: second.plan.id, name: second.plan.name, score: second.planned.value },
          ]}
          characteristics={labels.list}
        />
      ) : (
        <Alert>{[first.planned, second.planned].flatMap((s) => (s.ok ? [] : s.errors.map((e) => e.message))).join(" ")}</Alert>
      )}
    </div>
  );
}
