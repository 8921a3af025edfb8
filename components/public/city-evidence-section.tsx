import { getTranslations } from "next-intl/server";
import type { PublicLabels } from "@/components/public/public-labels";
import { Card, CardHeader } from "@/components/ui/card";
import type { CityDetail } from "@/server/public/public-schemas";

/** The public city page: the latest assessment's accepted evidence. */
export async function CityEvidenceSection({ page, labels }: { page: CityDetail; labels: PublicLabels }) {
  const t = await getTranslations("public.city");
  return (
    <Card aria-labelledby="evidence-title">
      <CardHeader title={<span id="evidence-title">{t("evidenceTitle")}</span>} description={t("evidenceIntro")} />
      {page.evidence.length === 0 ? (
        <p className="text-sm text-slate-600">{t("evidenceEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="public-evidence">
          {page.evidence.map((e) => (
            <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
              <span className="font-medium text-slate-900">
                {e.url ? (
                  <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
                    {e.title}
                  </a>
                ) : (
                  e.title
                )}
              </span>
              <span className="text-xs text-slate-600">
                {labels.characteristic(e.characteristicKey)} ·{" "}
                {t.has(`evidenceKind.${e.kind}`) ? t(`evidenceKind.${e.kind}` as "evidenceKind.link") : e.kind}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
