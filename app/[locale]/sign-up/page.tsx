import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { AccountMessagesProvider } from "@/components/mail/account-messages-provider";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

// Reads the session (a signed-in visitor is sent on): rendered per request.
export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("auth.signUp"))("title") };
}

export default async function SignUpPage() {
  const [t, caller] = await Promise.all([getTranslations("auth.signUp"), getServerCaller()]);
  const cities = await caller.cities.list();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1>{t("title")}</h1>
        <p className="mb-6 mt-2 text-sm text-slate-600">{t("intro")}</p>
        <AccountMessagesProvider>
          <SignUpForm cities={cities.map((c) => ({ slug: c.slug, name: c.name }))} />
        </AccountMessagesProvider>
        <p className="mt-4 text-sm text-slate-600">
          {t("haveAccount")} <Link href="/sign-in">{(await getTranslations("auth.signIn"))("title")}</Link>
        </p>
      </Card>
    </div>
  );
}
