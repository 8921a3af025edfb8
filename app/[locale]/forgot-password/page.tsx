import { getTranslations } from "next-intl/server";
import { AccountMessagesProvider } from "@/components/mail/account-messages-provider";
import { ForgotPasswordForm } from "@/components/mail/forgot-password-form";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("mail.forgot"))("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("mail.forgot");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1>{t("title")}</h1>
        <p className="mb-6 mt-2 text-sm text-slate-600">{t("intro")}</p>
        <AccountMessagesProvider>
          <ForgotPasswordForm />
        </AccountMessagesProvider>
        <p className="mt-4 text-sm text-slate-600">
          <Link href="/sign-in">{t("back")}</Link>
        </p>
      </Card>
    </div>
  );
}
