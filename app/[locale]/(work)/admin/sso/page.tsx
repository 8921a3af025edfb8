import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { SsoRevokeButton } from "@/components/sso/sso-revoke-button";
import { Alert, Badge, EmptyState } from "@/components/ui/states";
import { getServerCaller } from "@/server/api/server-caller";
import { oidcConfig } from "@/server/auth/oidc-config";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("sso.admin"))("title") };
}

/** People who signed in with their city account (admin only): those waiting for a role first. */
export default async function AdminSsoPage() {
  const viewer = await requireViewer("/admin/sso");
  if (viewer.globalRole !== "admin") notFound();
  const [t, format, caller] = await Promise.all([getTranslations("sso.admin"), getFormatter(), getServerCaller()]);
  const accounts = await caller.sso.accounts();
  return (
    <div className="space-y-4">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      {oidcConfig() ? null : <Alert tone="info">{t("notConfigured")}</Alert>}
      {accounts.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="sso-accounts">
          {accounts.map((a) => (
            <li key={a.userId} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-3 text-sm">
              {/* A basis: on a phone the badge and the button wrap under the name rather than squeeze it into a sliver. */}
              <span className="min-w-0 flex-1 basis-60">
                <span className="block font-medium">{a.name}</span>
                <span className="block break-all text-slate-600" id={`sso-account-${a.userId}`} data-testid="sso-account-email">
                  {a.email}
                </span>
                {a.lastSignInAt ? (
                  <span className="block text-xs text-slate-500">
                    {t("lastSignIn", { date: format.dateTime(a.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) })}
                  </span>
                ) : null}
              </span>
              {a.revokedAt ? (
                <Badge tone="red">{t("revoked")}</Badge>
              ) : a.pending ? (
                <Badge tone="amber">{t("pending")}</Badge>
              ) : (
                <Badge tone="green">{t("active")}</Badge>
              )}
              <SsoRevokeButton userId={a.userId} revoked={a.revokedAt !== null} describedBy={`sso-account-${a.userId}`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
