import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { PostingBlockedBanner } from "@/components/participation/posting-blocked-banner";
import { Card } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const viewer = await requireViewer("/dashboard");
  const [t, tRoles] = await Promise.all([getTranslations("dashboard"), getTranslations("common.roles")]);
  const roles = new Set<string>(viewer.memberships.map((m) => m.role));
  if (viewer.globalRole) roles.add(viewer.globalRole);
  return (
    <div className="space-y-6">
      <PostingBlockedBanner reason={viewer.postingBlockedAt ? (viewer.postingBlockedReason ?? "") : null} />
      <div>
        <h1>{t("welcome", { name: viewer.name })}</h1>
        {viewer.globalRole ? <p className="mt-1 text-sm text-slate-600">{t("globalRole", { role: tRoles(viewer.globalRole) })}</p> : null}
      </div>
      <Card>
        <h2 className="mb-3">{t("yourRoles")}</h2>
        {viewer.memberships.length === 0 ? (
          <EmptyState title={t("noMemberships")} />
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="city-memberships">
            {viewer.memberships.map((m) => (
              <li key={m.cityId} className="flex items-center justify-between rounded-lg border border-slate-200 p-4">
                <div>
                  <p className="font-medium">{m.cityName}</p>
                  <p className="text-sm text-slate-600">{m.departmentName ?? m.organisation ?? ""}</p>
                </div>
                <div className="flex items-center gap-2">
                  <Badge tone="green">{tRoles(m.role)}</Badge>
                  <Link href={`/cities/${m.citySlug}`} className="text-sm">
                    {t("open")}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="mb-3">{t("nextSteps")}</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {[...roles].map((role) => (
            <li key={role}>{t(`steps.${role}` as "steps.citizen")}</li>
          ))}
          {roles.size === 0 ? <li>{t("steps.citizen")}</li> : null}
        </ul>
      </Card>
    </div>
  );
}
