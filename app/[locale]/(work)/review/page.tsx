import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { pageLang } from "@/app/_lib/page-language";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { ReviewQueue } from "@/components/review/review-queue";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { can } from "@/server/auth/permissions";
import { currentFramework } from "@/server/scoring/framework-registry";

export async function generateMetadata() {
  return { title: (await getTranslations("review"))("queue.title") };
}

/** The technical expert group's desk: assessments under way and the evidence waiting for review. */
export default async function ReviewPage() {
  const viewer = await requireViewer("/review");
  if (!can(viewer.globalRole, "review:queue")) notFound();
  const [t, tEvidence, lang, caller] = await Promise.all([
    getTranslations("review"),
    getTranslations("evidence"),
    pageLang(),
    getServerCaller(),
  ]);
  const [underWay, cities] = await Promise.all([caller.review.assessmentsUnderWay(), caller.cities.list()]);
  const characteristics = currentFramework().characteristics.map((c) => ({ key: c.key, name: c.name[lang] }));
  return (
    <div className="space-y-6">
      <div>
        <h1>{t("queue.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("queue.intro")}</p>
      </div>
      <Card>
        <CardHeader title={t("underWay.title")} description={t("underWay.description")} />
        {underWay.length === 0 ? (
          <EmptyState title={t("underWay.empty")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="assessments-under-way">
              <caption className="sr-only">{t("underWay.title")}</caption>
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    {t("underWay.city")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("underWay.cycle")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("underWay.status")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("underWay.waiting")}
                  </th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">{t("underWay.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {underWay.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" className="py-2 pr-3 font-medium">
                      {a.cityName}
                    </th>
                    <td className="py-2 pr-3">{a.cycle}</td>
                    <td className="py-2 pr-3">
                      <Badge tone={a.status === "draft" ? "blue" : "amber"}>{tEvidence(`assessmentStatus.${a.status}`)}</Badge>
                    </td>
                    <td className="py-2 pr-3">{a.waiting}</td>
                    <td className="py-2">
                      <Link href={`/review/assessments/${a.id}`}>{t("underWay.judge", { city: a.cityName })}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card>
        <CardHeader title={t("queue.listTitle")} />
        <ReviewQueue cities={cities.map((c) => ({ id: c.id, slug: c.slug, name: c.name }))} characteristics={characteristics} />
      </Card>
    </div>
  );
}
