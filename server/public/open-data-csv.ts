import { CHARACTERISTIC_KEYS, FIGURE3_COLUMNS } from "@/shared/domain-values";
import type { AssessmentDetail, AssessmentList, Benchmark, CityDetail, CityList } from "./public-schemas";

/**
 * CSV for the open data API and the chart downloads (RFC 4180: CRLF, quotes doubled, a header row).
 * Column names are snake_case and stable; levels are the API's level keys.
 */
type Cell = string | number | boolean | null | undefined;

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // A text cell a spreadsheet would run as a formula is prefixed with an apostrophe.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function citiesCsv(list: CityList): string {
  return toCsv(
    [
      "slug",
      "name",
      "country",
      "region",
      "is_pilot",
      "assessment_id",
      "cycle",
      "published_at",
      "framework_version",
      "illustrative",
      ...CHARACTERISTIC_KEYS,
      "localized_name",
      "localized_country",
    ],
    list.items.map((c) => {
      const a = c.latestAssessment;
      return [
        c.slug,
        c.name,
        c.country,
        c.region,
        c.isPilot,
        a?.id,
        a?.cycle,
        a?.publishedAt,
        a?.frameworkVersion,
        a?.illustrative,
        ...CHARACTERISTIC_KEYS.map((k) => a?.levels[k]),
        c.localizedName,
        c.localizedCountry,
      ];
    }),
  );
}

export function assessmentsCsv(list: AssessmentList): string {
  return toCsv(
    [
      "assessment_id",
      "city_slug",
      "city_name",
      "country",
      "region",
      "cycle",
      "framework_key",
      "framework_version",
      "published_at",
      "illustrative",
      ...CHARACTERISTIC_KEYS,
      "localized_city_name",
      "localized_country",
    ],
    list.items.map((a) => [
      a.id,
      a.city.slug,
      a.city.name,
      a.city.country,
      a.city.region,
      a.cycle,
      a.frameworkKey,
      a.frameworkVersion,
      a.publishedAt,
      a.illustrative,
      ...CHARACTERISTIC_KEYS.map((k) => a.levels[k]),
      a.city.localizedName,
      a.city.localizedCountry,
    ]),
  );
}

/** One row per characteristic: level, how it was set, criteria met and the next step. */
export function assessmentDetailCsv(detail: AssessmentDetail): string {
  const stepOf = new Map(detail.roadmap.map((s) => [s.characteristicKey, s]));
  return toCsv(
    [
      "assessment_id",
      "city_slug",
      "cycle",
      "framework_version",
      "illustrative",
      "characteristic",
      "level",
      "derived_level",
      "rated_level",
      "source",
      "criteria_met",
      "next_level",
      "unmet_criteria",
      "lagging",
    ],
    detail.characteristics.map((c) => {
      const step = stepOf.get(c.key);
      return [
        detail.id,
        detail.city.slug,
        detail.cycle,
        detail.frameworkVersion,
        detail.illustrative,
        c.key,
        c.level,
        c.derivedLevel,
        c.ratedLevel,
        c.source,
        c.criteriaMet.join(" "),
        step?.nextLevel,
        step?.unmetCriteria.map((u) => u.key).join(" "),
        step?.lagging,
      ];
    }),
  );
}

/** A city's published cycles, oldest first: the data of the progress chart. */
export function cityHistoryCsv(detail: CityDetail): string {
  return toCsv(
    ["city_slug", "assessment_id", "cycle", "published_at", "framework_version", "illustrative", ...CHARACTERISTIC_KEYS],
    detail.history.map((a) => [
      detail.city.slug,
      a.id,
      a.cycle,
      a.publishedAt,
      a.frameworkVersion,
      a.illustrative,
      ...CHARACTERISTIC_KEYS.map((k) => a.levels[k]),
    ]),
  );
}

/**
 * One row per region and characteristic: city counts then whole-percent shares per level, then
 * (columns added later, so existing readers keep working) the row's status (no_maturity_criteria
 * for legal & regulatory), the paper's printed percentages where the reference dataset is in scope,
 * and the note on a printed row that does not add up.
 */
export function benchmarkCsv(benchmark: Benchmark): string {
  return toCsv(
    [
      "region",
      "characteristic",
      "rateable",
      "cities",
      ...FIGURE3_COLUMNS.map((l) => `${l}_count`),
      ...FIGURE3_COLUMNS.map((l) => `${l}_pct`),
      "status",
      ...FIGURE3_COLUMNS.map((l) => `${l}_printed_pct`),
      "printed_total_pct",
      "note",
    ],
    benchmark.groups.flatMap((g) =>
      g.rows.map((r) => [
        g.group,
        r.characteristicKey,
        r.rateable,
        g.cityCount,
        ...FIGURE3_COLUMNS.map((l) => r.counts[l]),
        ...FIGURE3_COLUMNS.map((l) => r.shares[l]),
        r.status,
        ...FIGURE3_COLUMNS.map((l) => r.printed?.shares[l]),
        r.printed?.totalPct,
        r.note,
      ]),
    ),
  );
}
