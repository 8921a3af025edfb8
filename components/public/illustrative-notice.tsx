import { getTranslations } from "next-intl/server";

/** Shown wherever reference-dataset levels appear: only the regional distribution is from the study. */
export async function IllustrativeNotice() {
  const t = await getTranslations("public.illustrative");
  return (
    <aside className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="illustrative-notice">
      <p className="font-semibold">{t("title")}</p>
      <p className="mt-1">{t("body")}</p>
    </aside>
  );
}
