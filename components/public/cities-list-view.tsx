import { getTranslations } from "next-intl/server";
import { CsvDownloadLink } from "@/components/public/csv-download-link";
import { IllustrativeNotice } from "@/components/public/illustrative-notice";
import { LevelLegend } from "@/components/public/level-legend";
import { MaturityStrip } from "@/components/public/maturity-strip";
import { getPublicLabels } from "@/components/public/public-labels";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { firstParam, type SearchParams, toQueryString } from "@/components/public/search-params";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Alert, Badge, EmptyState } from "@/components/ui/states";
import { asLocale } from "@/i18n/locales";
import { Link } from "@/i18n/navigation";
import { loadPublicCities } from "@/server/public/public-page-data";
import { cityListQuerySchema } from "@/server/public/public-schemas";
import { MATURITY_LEVELS, REGIONS } from "@/shared/domain-values";

const PAGE_SIZE = 50;

/** The cities list with its filters (from the query, see server/http/public-page-query.ts). */
export async function CitiesListView({ params, locale }: { params: SearchParams; locale: string }) {
  const filters = {
    search: firstParam(params, "search"),
    region: firstParam(params, "region"),
    level: firstParam(params, "level"),
    characteristic: firstParam(params, "characteristic"),
  };
  const cursor = firstParam(params, "cursor");
  const [t, tPublic, tStrip, tRegions, labels] = await Promise.all([
    getTranslations("public.cities"),
    getTranslations("public"),
    getTranslations("public.strip"),
    getTranslations("common.regions"),
    getPublicLabels(),
  ]);
  const parsed = cityListQuerySchema.safeParse({ ...filters, cursor, limit: PAGE_SIZE });
  const list = parsed.success ? await loadPublicCities(parsed.data, asLocale(locale)) : null;
  const fieldErrors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const hasFilters = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-6">
      <div>
        <h1>{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </div>

      <Card>
        <form
          method="get"
          action={`/${locale}/cities`}
          aria-label={t("filtersLabel")}
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
        >
          <TextField
            label={t("search")}
            name="search"
            type="search"
            defaultValue={filters.search ?? ""}
            maxLength={100}
            error={fieldErrors.search}
          />
          <SelectField label={t("region")} name="region" defaultValue={filters.region ?? ""} error={fieldErrors.region}>
            <option value="">{t("allRegions")}</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {tRegions(r)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("level")} name="level" defaultValue={filters.level ?? ""} error={fieldErrors.level}>
            <option value="">{t("anyLevel")}</option>
            {MATURITY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {labels.level[l]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("characteristic")}
            name="characteristic"
            defaultValue={filters.characteristic ?? ""}
            error={fieldErrors.characteristic}
          >
            <option value="">{t("anyCharacteristic")}</option>
            {labels.rateable.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <div className="flex items-center gap-3">
            <Button type="submit">{t("apply")}</Button>
            {hasFilters ? (
              <Link href="/cities" className="text-sm">
                {t("clear")}
              </Link>
            ) : null}
          </div>
        </form>
      </Card>

      {!list ? (
        <Alert>{Object.values(fieldErrors).join(" ")}</Alert>
      ) : list.items.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <Card className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700" aria-live="polite">
              {t("showing", { count: list.items.length })}
            </p>
            <CsvDownloadLink
              href={`/api/v1/cities${toQueryString({ ...filters, format: "csv", limit: "200" })}`}
              label={tPublic("downloadCsv")}
            />
          </div>
          {list.items.some((c) => c.latestAssessment?.illustrative) ? <IllustrativeNotice /> : null}
          <LevelLegend title={tPublic("legendTitle")} levelLabels={labels.level} />
          <ScrollingTable label={t("title")}>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("colCity")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("colCountry")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("colRegion")}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t("colCycle")}
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    {t("colMaturity")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.items.map((city) => (
                  <tr key={city.slug}>
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {/* No prefetch: a list of dozens of cities would fetch every city page on sight. */}
                      <Link href={`/cities/${city.slug}`} prefetch={false}>
                        {city.localizedName}
                      </Link>
                    </th>
                    <td className="py-2 pr-4 text-slate-700">{city.localizedCountry}</td>
                    <td className="py-2 pr-4">
                      <Badge tone={city.region === "China" ? "red" : city.region === "EU" ? "blue" : "slate"}>
                        {tRegions(city.region)}
                      </Badge>
                    </td>
                    <td className="py-2 pr-4 text-slate-700">{city.latestAssessment?.cycle ?? "—"}</td>
                    <td className="py-2">
                      {city.latestAssessment ? (
                        <MaturityStrip
                          levels={city.latestAssessment.levels}
                          characteristics={labels.rateable}
                          levelLabels={labels.level}
                          label={`${tStrip("label")}: ${city.localizedName}`}
                          cellText={(characteristic, level) => tStrip("cell", { characteristic, level })}
                        />
                      ) : (
                        <span className="text-xs text-slate-600">{tStrip("none")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollingTable>
          <nav className="flex gap-4 text-sm" aria-label={t("pagination")}>
            {cursor ? <Link href={`/cities${toQueryString(filters)}`}>{t("firstPage")}</Link> : null}
            {list.nextCursor ? (
              <Link href={`/cities${toQueryString({ ...filters, cursor: list.nextCursor })}`}>{t("nextPage")}</Link>
            ) : null}
          </nav>
        </Card>
      )}
    </div>
  );
}
