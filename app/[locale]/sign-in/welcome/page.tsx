import { getTranslations } from "next-intl/server";
import { redirectInLocale, requireViewer } from "@/app/_lib/sign-in-redirect";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/app-db";
import { withoutLocalePrefix } from "@/i18n/locales";
import { Link } from "@/i18n/navigation";
import { isAwaitingRole } from "@/server/accounts/oidc-sign-in";

// Per request: reads the session and the viewer's roles.
export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("sso.waiting"))("title") };
}

/**
 * Where a single sign-on comes back to: someone with no role yet (a new city account) reads that an
 * administrator will give them one; everyone else goes on to where they were going.
 */
export default async function SsoWelcomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const value = typeof raw === "string" ? raw : "";
  const next = value.startsWith("/") && !value.startsWith("//") ? withoutLocalePrefix(value) : "/dashboard";
  const viewer = await requireViewer("/dashboard");
  if (!(await isAwaitingRole(await getDb(), viewer.id))) return redirectInLocale(next);
  const t = await getTranslations("sso.waiting");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-4" data-testid="sso-waiting">
          {t("title")}
        </h1>
        <p>{t("text")}</p>
        <p className="mt-4 text-sm">
          <Link href="/" className="underline">
            {t("home")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
