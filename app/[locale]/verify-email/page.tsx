import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("mail.verify"))("title"), referrer: "no-referrer" };
}

/** Opening the link from the sign-up mail confirms the address (the token is single-use). */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const t = await getTranslations("mail.verify");
  const value = typeof token === "string" && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null;
  const result = value ? await (await getServerCaller()).accounts.verifyEmail({ token: value }) : { status: "invalid" as const };
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-6">{t("title")}</h1>
        <Alert tone={result.status === "verified" ? "success" : "warning"}>
          {result.status === "verified" ? t("done") : t("invalid")} <Link href="/sign-in">{t("signIn")}</Link>
        </Alert>
      </Card>
    </div>
  );
}
