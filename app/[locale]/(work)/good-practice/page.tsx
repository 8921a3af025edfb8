import { getLocale, getTranslations } from "next-intl/server";
import { loadForPage } from "@/app/_lib/page-errors";
import { requireViewer } from "@/app/_lib/sign-in-redirect";
import { GoodPracticeSteps } from "@/components/good-practice/good-practice-steps";
import { CityChoiceForm } from "@/components/layout/city-choice-form";
import { SelectField } from "@/components/ui/form-field";
import { EmptyState } from "@/components/ui/states";
import { characteristicLabels } from "@/components/workflow/characteristic-labels";
import { Link } from "@/i18n/navigation";
import { getServerCaller } from "@/server/api/server-caller";
import { REGIONS } from "@/shared/domain-values";

export async function generateMetadata() {
  return { title: (await getTranslations("goodPractice"))("title") };
}

type Region = (typeof REGIONS)[number];
const FINDER_ROLES = new Set(["leadership", "department"]);

/** The good-practice finder for the member's city (leadership and departments). */
export default async function GoodPracticePage({ searchParams }: { searchParams: Promise<{ city?: string; region?: string }> }) {
  const { city: requestedSlug, region: requestedRegion } = await searchParams;
  const region = (REGIONS as readonly string[]).includes(requestedRegion ?? "") ? (requestedRegion as Region) : null;
  const query = new URLSearchParams({ ...(requestedSlug ? { city: requestedSlug } : {}), ...(region ? { region } : {}) }).toString();
  const path = query ? `/good-practice?${query}` : "/good-practice";
  const viewer = await requireViewer(path);
  const [t, locale, caller] = await Promise.all([getTranslations("goodPractice"), getLocale(), getServerCaller()]);
  const memberCities = viewer.memberships.filter((m) => FINDER_ROLES.has(m.role));
  const selected = memberCities.find((m) => m.citySlug === requestedSlug) ?? memberCities[0];
  if (!selected) {
    return (
      <div className="space-y-6">
        <h1>{t("title")}</h1>
        <EmptyState title={t("noCities")} />
      </div>
    );
  }
  const finder = await loadForPage(caller.goodPractice.finder({ cityId: selected.cityId, region }), path);
  const labels = characteristicLabels(locale);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1>{`${t("title")} · ${selected.cityName}`}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        {selected.role === "leadership" ? (
          <Link href={`/good-practice/inbox?city=${encodeURIComponent(selected.citySlug)}`} className="text-sm">
            {t("inboxLink")}
          </Link>
        ) : null}
      </div>
      <CityChoiceForm
        action={`/${locale}/good-practice`}
        cities={memberCities}
        selectedSlug={selected.citySlug}
        cityLabel={t("chooseCity")}
        submitLabel={t("apply")}
        testId="good-practice-filters"
      >
        <SelectField label={t("region")} name="region" defaultValue={region ?? ""}>
          <option value="">{t("allRegions")}</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`regions.${r}`)}
            </option>
          ))}
        </SelectField>
      </CityChoiceForm>
      {finder.assessment ? (
        <>
          <p className="text-sm text-slate-600">{t("basedOn", { cycle: finder.assessment.cycle, city: selected.cityName })}</p>
          {finder.steps.length === 0 ? (
            <EmptyState title={t("noSteps")} />
          ) : (
            <GoodPracticeSteps
              finder={finder}
              characteristicNames={labels.names}
              canContact={selected.role === "leadership" || selected.role === "department"}
              sender={{ name: viewer.name, cityName: selected.cityName }}
            />
          )}
        </>
      ) : (
        <EmptyState title={t("noAssessment", { city: selected.cityName })} />
      )}
    </div>
  );
}
