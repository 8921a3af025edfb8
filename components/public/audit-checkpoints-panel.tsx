import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { loadAuditCheckpointsPanel } from "@/server/public/audit-checkpoints-page-data";

/**
 * The public city page's proof that its audit trail can be checked from outside: the signing key,
 * the newest signed checkpoints and the address of all of them as JSON (docs/security.md).
 */
export async function AuditCheckpointsPanel({ slug }: { slug: string }) {
  const [data, t, format] = await Promise.all([loadAuditCheckpointsPanel(slug), getTranslations("audit.checkpoints"), getFormatter()]);
  if (!data) return null;
  const apiPath = `/api/v1/cities/${encodeURIComponent(slug)}/audit-checkpoints`;
  return (
    <Card aria-labelledby="audit-checkpoints-title" data-testid="audit-checkpoints-panel">
      <CardHeader title={<span id="audit-checkpoints-title">{t("title")}</span>} description={t("intro", { hours: data.dailyHours })} />
      {data.checkpoints.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <div className="space-y-3">
          <div className="overflow-x-auto">
            <table className="w-full min-w-[28rem] text-left text-sm">
              <caption className="sr-only">{t("caption", { shown: data.checkpoints.length, total: data.total })}</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {t("takenAt")}
                  </th>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {t("reason")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    {t("chains")}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    {t("events")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("key")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.checkpoints.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100" data-testid="audit-checkpoint-row">
                    <td className="py-1 pr-3">{format.dateTime(new Date(c.takenAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                    <td className="py-1 pr-3">{t(`reasons.${c.reason}`)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{c.chains}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{c.events}</td>
                    <td className="py-1 font-mono text-xs">{c.keyId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-sm text-slate-700">
            {t.rich("howTo", { code: (chunks) => <code className="break-words text-xs">{chunks}</code> })}
          </p>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <a href={apiPath} data-testid="audit-checkpoints-json" className="font-medium">
              {t("download", { total: data.total })}
            </a>
          </p>
          <details className="text-sm">
            <summary className="cursor-pointer">{t("publicKey")}</summary>
            {data.keys.map((k) => (
              <div key={k.keyId} className="mt-2">
                <p className="text-slate-600">{t("keyId", { keyId: k.keyId })}</p>
                <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="audit-public-key">
                  {k.publicKeyPem}
                </pre>
              </div>
            ))}
          </details>
        </div>
      )}
    </Card>
  );
}
