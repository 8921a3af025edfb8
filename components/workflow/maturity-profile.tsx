import { useTranslations } from "next-intl";
import { LEVEL_TEXT, levelBackground } from "@/components/charts/level-palette";
import { MaturityRadarWithTable } from "@/components/charts/maturity-radar-with-table";
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

/**
 * The current cycle's radar beside the previous cycle's, with the same data as a table for screen
 * readers and keyboard users. A characteristic without a level is a gap in the radar, never zero.
 */
export function MaturityProfile({ characteristics, current, previous, problem }: Props) {
  const t = useTranslations("workflow");
  const levelLabel = (level: LevelOrNotAssessed | undefined) => t(`levels.${level ?? "not_assessed"}`);
  return (
    <Card aria-labelledby="maturity-profile-title">
      <CardHeader title={<span id="maturity-profile-title">{t("profile.title")}</span>} description={t("profile.intro")} />
      {problem ? (
        <Alert tone="warning">{t("profile.noScore", { details: problem })}</Alert>
      ) : (
        <MaturityRadarWithTable
          rows={characteristics}
          columns={[
            { id: "current", label: t("profile.current", { cycle: current.cycle }), levels: current.levels },
            ...(previous ? [{ id: "previous", label: t("profile.previous", { cycle: previous.cycle }), levels: previous.levels }] : []),
          ]}
          chartLabel={t("profile.chartLabel")}
          caption={t("profile.tableCaption")}
          captionVisible
          rowHeader={t("profile.characteristic")}
          tableTestId="maturity-table"
          renderCell={(c, column) => (
            <>
              <LevelChip
                level={c.rateable ? column.levels?.[c.key] : undefined}
                label={c.rateable ? levelLabel(column.levels?.[c.key]) : t("profile.sources.unrated")}
              />
              {column.id === "current" && c.rateable && c.finalSource === "rated" ? (
                <span className="ml-1 text-xs text-slate-600">({t("profile.sources.rated")})</span>
              ) : null}
            </>
          )}
        />
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
