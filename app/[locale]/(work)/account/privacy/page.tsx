import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { AccountPrivacyPanel } from "@/components/privacy/account-privacy-panel";
import { RetentionSettingsForm } from "@/components/privacy/retention-settings-form";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";

export async function generateMetadata() {
  return { title: (await getTranslations("privacy.account"))("title") };
}

export default async function AccountPrivacyPage() {
  const viewer = await requireViewer("/account/privacy");
  const t = await getTranslations("privacy.account");
  const settings = viewer.globalRole === "admin" ? await (await getServerCaller()).privacy.settings() : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t("intro")}{" "}
          <Link href="/privacy" className="underline">
            {t("policyLink")}
          </Link>
        </p>
      </div>
      <AccountPrivacyPanel />
      {settings ? <RetentionSettingsForm initial={settings} /> : null}
    </div>
  );
}
