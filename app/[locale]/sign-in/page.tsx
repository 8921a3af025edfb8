import { getTranslations } from "next-intl/server";
import { redirectInLocale } from "@/app/_lib/sign-in-redirect";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInButton } from "@/components/sso/sso-sign-in-button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { getDb } from "@/db/app-db";
import { withoutLocalePrefix } from "@/i18n/locales";
import { Link } from "@/i18n/navigation";
import { ssoErrorMessageKey } from "@/server/accounts/oidc-errors";
import { oidcConfig } from "@/server/auth/oidc-config";
import { demoSignInHint } from "@/server/seed/demo-presence";
import { getViewer } from "@/server/session/viewer";

// Reads the session (a signed-in visitor is sent on): rendered per request.
export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.signIn"))("title") };
}

/** Only same-site paths: an open redirect through the sign-in page would be a phishing aid. */
function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Without the locale: the form navigates in the page's own locale.
  return value && value.startsWith("/") && !value.startsWith("//") ? withoutLocalePrefix(value) : "/dashboard";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  // next-auth sends sign-in errors here (pages.error): only a short code, shown translated by the form.
  const error = typeof params.error === "string" && /^[A-Za-z]{1,40}$/.test(params.error) ? params.error : null;
  if (await getViewer()) return redirectInLocale(callbackUrl);
  const [t, tMail, tRoles, tSso, demo] = await Promise.all([
    getTranslations("auth.signIn"),
    getTranslations("mail"),
    getTranslations("common.roles"),
    getTranslations("sso"),
    getDb().then(demoSignInHint),
  ]);
  // Single sign-on: the button only when OIDC_* is set; its errors (cancelled, refused) shown here.
  const sso = oidcConfig();
  const ssoError = ssoErrorMessageKey(error);
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-6">{t("title")}</h1>
        {ssoError ? (
          <div className="mb-4" data-testid="sso-error">
            <Alert>{tSso(ssoError)}</Alert>
          </div>
        ) : null}
        {sso ? (
          <div className="mb-6 space-y-3">
            <SsoSignInButton text={tSso("button", { name: sso.name ?? tSso("defaultName") })} callbackUrl={callbackUrl} />
            <p className="text-center text-sm text-slate-600">{tSso("or")}</p>
          </div>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} initialError={ssoError ? null : error} />
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" data-testid="forgot-password-link">
            {tMail("signInLink")}
          </Link>
        </p>
        <p className="mt-4 text-sm text-slate-600">
          {t("noAccount")} <Link href="/sign-up">{t("signUpLink")}</Link>
        </p>
        {demo ? (
          <section
            aria-labelledby="demo-accounts"
            className="mt-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950"
            data-testid="demo-accounts"
          >
            <h2 id="demo-accounts" className="text-sm font-semibold">
              {t("demoTitle")}
            </h2>
            <p className="mt-1">
              {t.rich("demoText", { password: () => <code className="rounded bg-white px-1 font-mono">{demo.password}</code> })}
            </p>
            <details className="mt-2">
              <summary className="cursor-pointer font-medium">{t("demoShow")}</summary>
              <ul className="mt-2 space-y-1">
                {demo.accounts.map((a) => (
                  <li key={a.email} className="break-all">
                    <code className="font-mono">{a.email}</code> <span className="text-amber-900">· {tRoles(a.role)}</span>
                  </li>
                ))}
              </ul>
            </details>
          </section>
        ) : null}
      </Card>
    </div>
  );
}
