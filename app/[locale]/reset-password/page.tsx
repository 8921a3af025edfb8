import { getTranslations } from "next-intl/server";
import { AccountMessagesProvider } from "@/components/mail/account-messages-provider";
import { ResetPasswordForm } from "@/components/mail/reset-password-form";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("mail.reset"))("title"), referrer: "no-referrer" };
}

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations("mail.reset");
  const value = typeof token === "string" && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
  const usable = value ? await (await getServerCaller()).accounts.resetTokenValid({ token: value }) : false;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-6">{t("title")}</h1>
        {value && usable ? (
          <AccountMessagesProvider>
            <ResetPasswordForm token={value} />
          </AccountMessagesProvider>
        ) : (
          <Alert tone="warning">
            {value ? t("invalid") : t("missing")} <Link href="/forgot-password">{t("again")}</Link>
          </Alert>
        )}
      </Card>
    </div>
  );
}
