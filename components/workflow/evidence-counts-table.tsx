import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { EVIDENCE_STATUSES, type EvidenceStatus } from "@/shared/domain-values";

type Props = {
  counts: Record<string, Record<EvidenceStatus, number>>;
  characteristics: { key: string; name: string }[];
};

/** Evidence per characteristic and review status: where the gaps in the evidence are. */
export function EvidenceCountsTable({ counts, characteristics }: Props) {
  const t = useTranslations("workflow.evidence");
  const rows = characteristics.map((c) => ({ ...c, counts: counts[c.key] }));
  const any = rows.some((r) => r.counts);
  const totalOf = (status: EvidenceStatus) => rows.reduce((sum, r) => sum + (r.counts?.[status] ?? 0), 0);
  return (
    <Card aria-labelledby="evidence-counts-title">
      <CardHeader title={<span id="evidence-counts-title">{t("title")}</span>} />
      {!any ? (
        <EmptyState title={t("empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="evidence-counts">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  {t("characteristic")}
                </th>
                {EVIDENCE_STATUSES.map((s) => (
                  <th key={s} scope="col" className="px-2 py-1.5 text-right font-medium">
                    {t(`statuses.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 font-normal">
                    {r.name}
                  </th>
                  {EVIDENCE_STATUSES.map((s) => (
                    <td
                      key={s}
                      className={`px-2 py-1.5 text-right tabular-nums ${s === "submitted" && (r.counts?.[s] ?? 0) > 0 ? "font-semibold text-amber-800" : ""}`}
                    >
                      {r.counts?.[s] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-medium">
                <th scope="row" className="py-1.5 pr-3">
                  {t("total")}
                </th>
                {EVIDENCE_STATUSES.map((s) => (
                  <td key={s} className="px-2 py-1.5 text-right tabular-nums">
                    {totalOf(s)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Card>
  );
}
