import { useTranslations } from "next-intl";
import { LazyMaturityRadar } from "@/components/charts/lazy-charts";
import { LEVEL_TEXT, levelBackground } from "@/components/charts/level-palette";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import type { LevelOrNotAssessed } from "@/shared/domain-values";

type Characteristic = { key: string; name: string; rateable: boolean; finalSource?: "derived" | "rated" | "unrated" };

type Props = {
  characteristics: Characteristic[];
  current: { cycle: string; levels: Partial<Record<string, LevelOrNotAssessed>> | null };
  previous: { cycle: string; levels: Partial<Record<string, LevelOrNotAssessed>> | null } | null;
  /** Why the current levels are missing (scoring problems), when they are. */
  problem?: string | null;
};

const LADDER = ["not_yet_addressed", "basic", "average", "more_advanced", "state_of_the_art"] as const;

/**
 * The current cycle's radar beside the previous cycle's, with the same data as a table for screen
 * readers and keyboard users. A characteristic without a level is a gap in the radar, never zero.
 */
export function MaturityProfile({ characteristics, current, previous, problem }: Props) {
  const t = useTranslations("workflow");
  const levelLabel = (level: LevelOrNotAssessed | undefined) => t(`levels.${level ?? "not_assessed"}`);
  const series = [
    ...(current.levels ? [{ label: t("profile.current", { cycle: current.cycle }), levels: current.levels }] : []),
    ...(previous?.levels ? [{ label: t("profile.previous", { cycle: previous.cycle }), levels: previous.levels }] : []),
  ];
  const axes = characteristics.filter((c) => c.rateable).map((c) => ({ key: c.key, label: c.name }));
  return (
    <Card aria-labelledby="maturity-profile-title">
      <CardHeader title={<span id="maturity-profile-title">{t("profile.title")}</span>} description={t("profile.intro")} />
      {problem ? (
        <Alert tone="warning">{t("profile.noScore", { details: problem })}</Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <LazyMaturityRadar
            series={series}
            axes={axes}
            levelLabels={LADDER.map((l) => t(`levels.${l}`)) as [string, string, string, string, string]}
            ariaLabel={t("profile.chartLabel")}
          />
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="maturity-table">
              <caption className="mb-2 text-left text-sm font-medium text-slate-700">{t("profile.tableCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-1.5 pr-3 font-medium">
                    {t("profile.characteristic")}
                  </th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">
                    {t("profile.current", { cycle: current.cycle })}
                  </th>
                  {previous ? (
                    <th scope="col" className="py-1.5 font-medium">
                      {t("profile.previous", { cycle: previous.cycle })}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {characteristics.map((c) => (
                  <tr key={c.key} className="border-b border-slate-100">
                    <th scope="row" className="py-1.5 pr-3 font-normal">
                      {c.name}
                    </th>
                    <td className="py-1.5 pr-3">
                      <LevelChip
                        level={c.rateable ? current.levels?.[c.key] : undefined}
                        label={c.rateable ? levelLabel(current.levels?.[c.key]) : t("profile.sources.unrated")}
                      />
                      {c.rateable && c.finalSource === "rated" ? (
                        <span className="ml-1 text-xs text-slate-600">({t("profile.sources.rated")})</span>
                      ) : null}
                    </td>
                    {previous ? (
                      <td className="py-1.5">
                        <LevelChip
                          level={c.rateable ? previous.levels?.[c.key] : undefined}
                          label={c.rateable ? levelLabel(previous.levels?.[c.key]) : t("profile.sources.unrated")}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

function LevelChip({ level, label }: { level: LevelOrNotAssessed | undefined; label: string }) {
  const value = level ?? "not_assessed";
  return (
    <span
      className="inline-block rounded px-1.5 py-0.5 text-xs font-medium"
      style={{ background: levelBackground(value), color: LEVEL_TEXT[value] }}
    >
      {label}
    </span>
  );
}
