import { getFormatter, getTranslations } from "next-intl/server";
import { LevelBadge } from "@/components/public/level-badge";
import type { PublicLabels } from "@/components/public/public-labels";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/states";
import type { CityDetail } from "@/server/public/public-schemas";
import { getFramework } from "@/server/scoring/framework-registry";

type PublicEvidence = CityDetail["evidence"][number];

/**
 * The public city page: what each published level rests on. Per characteristic, a disclosure with the
 * criteria met and not met, under each the accepted evidence the expert cited, and the evidence itself
 * (kind, revision, KPI value, link, public file, SHA-256). Plain details/summary: the page stays one
 * cached render with no script and no per-request data.
 */
export async function CityEvidenceSection({ page, labels }: { page: CityDetail; labels: PublicLabels }) {
  const latest = page.latestAssessment;
  if (!latest) return null;
  const t = await getTranslations("public.city");
  const framework = getFramework(latest.frameworkKey, latest.frameworkVersion);
  const evidenceById = new Map(page.evidence.map((e) => [e.id, e]));
  const cited = new Map(page.criterionEvidence.map((c) => [c.criterionKey, c.evidenceIds.flatMap((id) => evidenceById.get(id) ?? [])]));
  const citedIds = new Set(page.criterionEvidence.flatMap((c) => c.evidenceIds));

  return (
    <Card aria-labelledby="evidence-title">
      <CardHeader title={<span id="evidence-title">{t("evidenceTitle")}</span>} description={t("traceIntro")} />
      {page.evidence.length === 0 ? <p className="mb-3 text-sm text-slate-600">{t("evidenceEmpty")}</p> : null}
      <ul className="space-y-2" data-testid="public-trace">
        {latest.characteristics
          .filter((c) => c.rateable)
          .map((c) => {
            const criteria = framework?.characteristics.find((fc) => fc.key === c.key)?.criteria ?? [];
            const met = new Set(c.criteriaMet);
            const uncited = page.evidence.filter((e) => e.characteristicKey === c.key && !citedIds.has(e.id));
            const evidenceCount = page.evidence.filter((e) => e.characteristicKey === c.key).length;
            return (
              <li key={c.key}>
                <details className="group rounded-md border border-slate-200" data-testid={`trace-${c.key}`}>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                    <span className="font-semibold text-slate-900">{labels.characteristic(c.key)}</span>
                    <LevelBadge level={c.level} label={labels.level[c.level]} />
                    <span className="text-xs text-slate-600">
                      {t("criteriaMet", { met: c.criteriaMet.length, total: c.criteriaCount })} ·{" "}
                      {t("traceEvidenceCount", { count: evidenceCount })}
                    </span>
                  </summary>
                  <div className="space-y-3 border-t border-slate-100 px-3 py-3 text-sm">
                    {(["met", "notMet"] as const).map((group) => {
                      const list = criteria.filter((k) => met.has(k.key) === (group === "met"));
                      if (list.length === 0) return null;
                      return (
                        <section key={group} aria-label={t(group === "met" ? "traceMet" : "traceNotMet")}>
                          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                            {t(group === "met" ? "traceMet" : "traceNotMet")}
                          </h4>
                          <ul className="mt-1 space-y-2">
                            {list.map((k) => {
                              const items = cited.get(k.key) ?? [];
                              return (
                                <li key={k.key} data-testid="trace-criterion" data-criterion={k.key} data-met={group === "met"}>
                                  <p className="text-slate-800">
                                    <span aria-hidden="true" className={group === "met" ? "text-emerald-700" : "text-slate-400"}>
                                      {group === "met" ? "✓ " : "○ "}
                                    </span>
                                    <span className="text-xs text-slate-600">{labels.level[k.level]} · </span>
                                    {k.text[labels.lang]}
                                  </p>
                                  {items.length > 0 ? (
                                    <ul className="mt-1 space-y-1 pl-5">
                                      {items.map((e) => (
                                        <EvidenceItem key={e.id} item={e} />
                                      ))}
                                    </ul>
                                  ) : group === "met" ? (
                                    <p className="pl-5 text-xs text-slate-600">{t("traceNoEvidenceCited")}</p>
                                  ) : null}
                                </li>
                              );
                            })}
                          </ul>
                        </section>
                      );
                    })}
                    {uncited.length > 0 ? (
                      <section aria-label={t("traceOther")}>
                        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t("traceOther")}</h4>
                        <ul className="mt-1 space-y-1">
                          {uncited.map((e) => (
                            <EvidenceItem key={e.id} item={e} />
                          ))}
                        </ul>
                      </section>
                    ) : null}
                  </div>
                </details>
              </li>
            );
          })}
      </ul>
    </Card>
  );
}

/** One accepted evidence: what it is, the content its contributor made public, and its fingerprint. */
async function EvidenceItem({ item }: { item: PublicEvidence }) {
  const [t, format] = await Promise.all([getTranslations("public.city"), getFormatter()]);
  const kind = t.has(`evidenceKind.${item.kind}`) ? t(`evidenceKind.${item.kind}` as "evidenceKind.link") : item.kind;
  return (
    <li className="rounded-md bg-slate-50 px-3 py-2" data-testid="public-evidence" data-evidence-id={item.id}>
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="font-medium text-slate-900">{item.title}</span>
        <Badge tone="slate">{kind}</Badge>
        <span className="text-xs text-slate-600">{t("traceRevision", { revision: item.revision })}</span>
      </div>
      {item.kpi ? (
        <p className="mt-1 text-slate-800" data-testid="evidence-kpi">
          {item.kpi.indicatorName}: <span className="font-semibold">{format.number(item.kpi.value)}</span> {item.kpi.unit}
          {item.kpi.measuredOn ? (
            <span className="text-xs text-slate-600"> · {t("traceMeasuredOn", { date: item.kpi.measuredOn })}</span>
          ) : null}
        </p>
      ) : null}
      {item.url ? (
        <p className="mt-1 break-all">
          <a href={item.url} rel="noopener noreferrer nofollow" target="_blank" data-testid="evidence-link">
            {item.url}
            <span className="sr-only"> {t("traceOpensNewTab")}</span>
          </a>
        </p>
      ) : null}
      {item.file?.url ? (
        <p className="mt-1">
          <a href={item.file.url} download data-testid="evidence-download">
            {t("traceDownload", { filename: item.file.filename ?? item.title })}
          </a>{" "}
          <span className="text-xs text-slate-600">({format.number(item.file.sizeBytes / 1024, { maximumFractionDigits: 1 })} KB)</span>
        </p>
      ) : null}
      {!item.publicContent ? <p className="mt-1 text-xs text-slate-600">{t("traceNotPublic")}</p> : null}
      {item.file ? (
        <p className="mt-1 text-xs text-slate-600">
          SHA-256:{" "}
          <code className="break-all font-mono text-[11px] text-slate-800" data-testid="evidence-sha256">
            {item.file.sha256}
          </code>
        </p>
      ) : null}
    </li>
  );
}
