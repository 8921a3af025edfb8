import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("mail.unsubscribe"))("title"), robots: { index: false } };
}

/** The unsubscribe link of a digest leads here; one button posts to /api/unsubscribe. */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [t, tSettings, locale] = await Promise.all([getTranslations("mail.unsubscribe"), getTranslations("notifications"), getLocale()]);
  const u = typeof params.u === "string" ? params.u : "";
  const token = typeof params.t === "string" ? params.t : "";
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-6">{t("title")}</h1>
        {params.done ? (
          <Alert tone="success">
            <span data-testid="unsubscribe-done">{t("done")}</span> <Link href="/notifications">{tSettings("title")}</Link>
          </Alert>
        ) : params.invalid || !u || !token ? (
          <Alert tone="warning">{t("invalid")}</Alert>
        ) : (
          <form method="post" action={`/api/unsubscribe?${new URLSearchParams({ u, t: token, locale }).toString()}`} className="space-y-4">
            <p>{t("confirm")}</p>
            <Button type="submit">{t("submit")}</Button>
          </form>
        )}
      </Card>
    </div>
  );
}
