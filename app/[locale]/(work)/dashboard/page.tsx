import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { RoleHomeSections } from "@/components/dashboard/role-home-sections";
import { PostingBlockedBanner } from "@/components/participation/posting-blocked-banner";
import { Card } from "@/components/ui/card";
import { Badge, EmptyState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

/**
 * Where each role starts the day: what waits on them, counted live (`dashboard.home`), with the page
 * that deals with it. Rendered on the server with the counts in the HTML (no loading state).
 */
export default async function DashboardPage() {
  const viewer = await requireViewer("/dashboard");
  const [t, tRoles, caller] = await Promise.all([getTranslations("dashboard"), getTranslations("common.roles"), getServerCaller()]);
  const home = await caller.dashboard.home();
  return (
    <div className="space-y-6">
      <PostingBlockedBanner reason={viewer.postingBlockedAt ? (viewer.postingBlockedReason ?? "") : null} />
      <div>
        <h1 className="break-words">{t("welcome", { name: viewer.name })}</h1>
        <p className="mt-1 text-sm text-slate-600">{home.sections.length ? t("intro") : t("introNoRole")}</p>
      </div>
      {home.sections.length ? (
        <RoleHomeSections sections={home.sections} />
      ) : (
        <EmptyState title={t("noMemberships")}>
          <p>{t("noRoleNext")}</p>
          <p className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1">
            <Link href="/cities">{t("browseCities")}</Link>
            <Link href="/consultations">{t("openConsultations")}</Link>
          </p>
        </EmptyState>
      )}
      {viewer.globalRole || viewer.memberships.length ? (
        <Card aria-labelledby="your-roles-title">
          <h2 id="your-roles-title" className="mb-3 text-base">
            {t("yourRoles")}
          </h2>
          {viewer.globalRole ? <p className="mb-2 text-sm text-slate-600">{t("globalRole", { role: tRoles(viewer.globalRole) })}</p> : null}
          {viewer.memberships.length ? (
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="city-memberships">
              {viewer.memberships.map((m) => (
                <li
                  key={m.cityId}
                  className="flex min-w-0 flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2"
                >
                  <div className="min-w-0">
                    <p className="break-words font-medium">{m.cityName}</p>
                    {m.departmentName || m.organisation ? (
                      <p className="text-xs text-slate-600">{m.departmentName ?? m.organisation}</p>
                    ) : null}
                  </div>
                  <div className="flex items-center gap-2">
                    <Badge tone="green">{tRoles(m.role)}</Badge>
                    <Link href={`/cities/${m.citySlug}`} className="text-sm">
                      {t("openCity", { city: m.cityName })}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
