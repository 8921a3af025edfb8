import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { localizedAlternates } from "@/app/_lib/public-page-metadata";
import { getDb } from "@/db/app-db";
import { Link } from "@/i18n/navigation";
import { readPrivacySettings } from "@/server/privacy/privacy-data";

type Props = { params: Promise<{ locale: string }> };

// The retention settings are read from the database on each request: an admin's change shows at once.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "privacy.page" });
  return { title: t("title"), description: t("metaDescription"), alternates: localizedAlternates("/privacy", locale) };
}

export default async function PrivacyPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const [t, tAccount, format, settings] = await Promise.all([
    getTranslations({ locale, namespace: "privacy.page" }),
    getTranslations({ locale, namespace: "privacy.account" }),
    getFormatter({ locale }),
    getDb().then(readPrivacySettings),
  ]);
  const retention = tAccount(settings.commentRetention === "remove" ? "retentionRemove" : "retentionAnonymise");
  const sections = [
    ["whatTitle", t("what")],
    ["whyTitle", t("why")],
    ["howLongTitle", t("howLong", { days: settings.graceDays, retention })],
    ["auditTitle", t("audit")],
    ["rightsTitle", t("rights")],
  ] as const;
  return (
    <article className="mx-auto max-w-3xl space-y-5">
      <h1>{t("title")}</h1>
      {sections.map(([title, text]) => (
        <section key={title} data-testid={`privacy-${title}`}>
          <h2 className="text-lg font-semibold">{t(title)}</h2>
          <p className="mt-1 text-slate-700">{text}</p>
        </section>
      ))}
      <p>
        <Link href="/account/privacy" className="font-medium underline">
          {t("accountLink")}
        </Link>
      </p>
      {settings.updatedAt ? (
        <p className="text-sm text-slate-500">{t("updated", { date: format.dateTime(settings.updatedAt, { dateStyle: "long" }) })}</p>
      ) : null}
    </article>
  );
}
