import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

/**
 * "Download report (PDF)" with a choice of language. A plain GET form, no client script: the
 * response is an attachment, so the browser downloads it and the page stays. Published
 * assessments go through the open data API; `members` uses the signed-in route, which also serves
 * an assessment in progress (marked draft) to the city's members.
 */
export async function ReportDownloadLink({ assessmentId, door = "public" }: { assessmentId: string; door?: "public" | "members" }) {
  const [t, locale] = await Promise.all([getTranslations("report.download"), getLocale()]);
  const action = door === "public" ? `/api/v1/assessments/${assessmentId}/report` : `/api/assessments/${assessmentId}/report`;
  const selectId = `report-lang-${door}-${assessmentId}`;
  return (
    <form method="get" action={action} className="flex flex-wrap items-center gap-2" data-testid="report-download">
      <label htmlFor={selectId} className="sr-only">
        {t("language")}
      </label>
      <select
        id={selectId}
        name="lang"
        defaultValue={locale}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        title={t("language")}
      >
        <option value="en">{t("en")}</option>
        <option value="zh">{t("zh")}</option>
      </select>
      <Button type="submit" variant="secondary" size="sm" title={t("hint")}>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M10 2a1 1 0 0 1 1 1v8.59l2.3-2.3a1 1 0 1 1 1.4 1.42l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.42L9 11.6V3a1 1 0 0 1 1-1Zm-7 14a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Z" />
        </svg>
        {t("label")}
      </Button>
    </form>
  );
}
