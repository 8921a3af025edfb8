import { getFormatter, getTranslations } from "next-intl/server";
import { levelBackground } from "@/components/charts/level-palette";
import type { PublicLabels } from "@/components/public/public-labels";
import { ScrollingTable } from "@/components/public/scrolling-table";
import { Card } from "@/components/ui/card";
import type { Benchmark } from "@/server/public/public-schemas";
import { FIGURE3_COLUMNS } from "@/shared/domain-values";

type Figure3 = NonNullable<Benchmark["figure3"]>;

/**
 * The white paper's Figure 3 as one table: rows the characteristics, columns the maturity levels,
 * the EU and China side by side under each level. Rows without maturity criteria say so across the
 * row; the two EU rows whose printed percentages the paper got wrong carry a footnote marker and
 * their note under the table (the same note is in the JSON and the CSV).
 */
export async function Figure3Table({
  figure3,
  labels,
  regionName,
}: {
  figure3: Figure3;
  labels: PublicLabels;
  regionName: (region: string) => string;
}) {
  const [t, tPublic, format] = await Promise.all([getTranslations("public.benchmark"), getTranslations("public"), getFormatter()]);
  const regions = figure3.regions;
  const percent = (share: number) => format.number(share / 100, { style: "percent", maximumFractionDigits: 0 });

  // Footnotes in row order, numbered from 1.
  const notes = figure3.rows.flatMap((row) =>
    regions.flatMap((region) => {
      const cell = row.regions[region];
      if (!cell?.note || !cell.printed) return [];
      const printed = format.list(
        FIGURE3_COLUMNS.filter((level) => cell.printed?.shares[level]).map((level) =>
          t("printedShare", { share: percent(cell.printed?.shares[level] ?? 0), level: labels.level[level] }),
        ),
        { type: "conjunction" },
      );
      return [{ characteristicKey: row.characteristicKey, region, printed, total: cell.printed.totalPct }];
    }),
  );
  const noteNumber = (characteristicKey: string, region: string) =>
    notes.findIndex((n) => n.characteristicKey === characteristicKey && n.region === region) + 1;

  return (
    <Card aria-labelledby="figure3-title" data-testid="figure3">
      <h2 id="figure3-title">{t("figure3Title")}</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("figure3Intro")}</p>
      <ScrollingTable className="mt-4" label={t("figure3Caption")}>
        <table className="w-full min-w-[52rem] border-collapse text-left text-sm" data-testid="figure3-table">
          <caption className="mb-2 text-left text-sm font-medium text-slate-700">{t("figure3Caption")}</caption>
          <thead className="text-xs text-slate-700">
            <tr>
              <th scope="col" rowSpan={2} className="border-b border-slate-200 py-2 pr-3 align-bottom font-semibold">
                {tPublic("city.colCharacteristic")}
              </th>
              {FIGURE3_COLUMNS.map((level) => (
                <th key={level} scope="colgroup" colSpan={regions.length} className="border-l border-slate-200 px-2 pt-2 font-semibold">
                  <span className="inline-flex items-center gap-1.5">
                    <span
                      aria-hidden
                      className="inline-block h-2.5 w-2.5 rounded-sm ring-1 ring-inset ring-black/10"
                      style={{ background: levelBackground(level) }}
                    />
                    {labels.level[level]}
                  </span>
                </th>
              ))}
            </tr>
            <tr>
              {FIGURE3_COLUMNS.flatMap((level) =>
                regions.map((region, i) => (
                  <th
                    key={`${level}-${region}`}
                    scope="col"
                    className={`border-b border-slate-200 px-2 pb-2 font-medium text-slate-600 ${i === 0 ? "border-l" : ""}`}
                  >
                    {regionName(region)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {figure3.rows.map((row) => {
              const markers = regions
                .map((region) => ({ region, number: noteNumber(row.characteristicKey, region) }))
                .filter((m) => m.number > 0);
              return (
                <tr
                  key={row.characteristicKey}
                  data-characteristic={row.characteristicKey}
                  data-status={row.status}
                  data-note={markers.length > 0 ? "true" : undefined}
                >
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-800">
                    {labels.characteristic(row.characteristicKey)}
                    {markers.map((m) => (
                      <sup key={m.region} className="ml-0.5">
                        <a href={`#figure3-note-${m.number}`} id={`figure3-ref-${m.number}`} data-testid="figure3-note-ref">
                          <span aria-hidden>{m.number}</span>
                          <span className="sr-only">{t("noteRef", { number: m.number })}</span>
                        </a>
                      </sup>
                    ))}
                  </th>
                  {row.status === "no_maturity_criteria" ? (
                    <td
                      colSpan={FIGURE3_COLUMNS.length * regions.length}
                      className="border-l border-slate-200 px-2 py-2 text-slate-700"
                      data-testid="no-maturity-criteria"
                    >
                      <span className="font-medium">{t("noMaturityCriteria")}</span>
                      <span className="block text-xs text-slate-600">{t("noMaturityCriteriaHint")}</span>
                    </td>
                  ) : (
                    FIGURE3_COLUMNS.flatMap((level) =>
                      regions.map((region, i) => {
                        const cell = row.regions[region];
                        const count = cell?.counts[level] ?? 0;
                        const share = cell?.shares[level] ?? 0;
                        return (
                          <td
                            key={`${level}-${region}`}
                            className={`px-2 py-2 tabular-nums ${i === 0 ? "border-l border-slate-200" : ""}`}
                            data-region={region}
                            data-level={level}
                            data-count={count}
                            data-share={share}
                          >
                            {count > 0 ? (
                              <>
                                {percent(share)} <span className="text-xs text-slate-600">({format.number(count)})</span>
                              </>
                            ) : (
                              <>
                                <span aria-hidden className="text-slate-600">
                                  –
                                </span>
                                <span className="sr-only">{percent(0)}</span>
                              </>
                            )}
                          </td>
                        );
                      }),
                    )
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollingTable>
      {notes.length > 0 ? (
        <div className="mt-4 border-t border-slate-200 pt-3">
          <h3 className="text-sm font-semibold text-slate-900">{t("figure3NotesTitle")}</h3>
          <ol className="mt-1 space-y-1 text-sm text-slate-700">
            {notes.map((note, i) => (
              <li
                key={`${note.region}-${note.characteristicKey}`}
                id={`figure3-note-${i + 1}`}
                data-testid="figure3-note"
                data-characteristic={note.characteristicKey}
                data-region={note.region}
              >
                <span aria-hidden className="mr-1 font-semibold">
                  {i + 1}.
                </span>
                <span className="font-medium">
                  {t("noteRegion", { region: regionName(note.region), characteristic: labels.characteristic(note.characteristicKey) })}
                </span>{" "}
                {t("printedInconsistent", { printed: note.printed, total: note.total })}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </Card>
  );
}
