import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { KpiPayload, LinkPayload, NarrativePayload, PppPayload } from "@/server/evidence/evidence-schemas";

export type EvidenceFileInfo = { id: string; filename: string; mimeType: string; sizeBytes: number; sha256: string };

type Props = {
  kind: string;
  payload: unknown;
  file?: EvidenceFileInfo | null;
  /** Where the file downloads from; absent in a preview before submission. */
  downloadHref?: string;
  /** The guiding question a narrative answers, in the reader's language. */
  questionText?: string;
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-1.5 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2 whitespace-pre-wrap break-words">{children}</dd>
    </div>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The kind-specific fields of one evidence revision, as a definition list. */
export function EvidencePayloadView({ kind, payload, file, downloadHref, questionText }: Props) {
  const t = useTranslations("evidence");
  const format = useFormatter();
  const number = (value: number | undefined) => (value === undefined ? "—" : format.number(value, { maximumFractionDigits: 4 }));
  if (kind === "link") {
    const p = payload as LinkPayload;
    return (
      <dl className="divide-y divide-slate-100">
        <Row label={t("fields.url")}>
          <a href={p.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all">
            {p.url}
          </a>
        </Row>
        <Row label={t("fields.description")}>{p.description}</Row>
      </dl>
    );
  }
  if (kind === "kpi") {
    const p = payload as KpiPayload;
    return (
      <dl className="divide-y divide-slate-100">
        <Row label={t("fields.indicatorName")}>{p.indicatorName}</Row>
        <Row label={t("fields.value")}>{`${number(p.value)} ${p.unit}`}</Row>
        <Row label={t("fields.target")}>{p.target === undefined ? "—" : `${number(p.target)} ${p.unit}`}</Row>
        <Row label={t("fields.measuredOn")}>{p.measuredOn}</Row>
        <Row label={t("fields.standard")}>
          {t(`standards.${p.standard}`)}
          {p.standardReference ? ` — ${p.standardReference}` : ""}
        </Row>
      </dl>
    );
  }
  if (kind === "ppp") {
    const p = payload as PppPayload;
    const money = (amount: number) => format.number(amount, { style: "currency", currency: p.currency, maximumFractionDigits: 0 });
    return (
      <dl className="divide-y divide-slate-100">
        <Row label={t("fields.partnerOrganisation")}>{p.partnerOrganisation}</Row>
        <Row label={t("fields.model")}>
          {t(`pppModels.${p.model}`)}
          {p.modelDetail ? ` — ${p.modelDetail}` : ""}
        </Row>
        <Row label={t("fields.publicFunding")}>{money(p.publicFunding)}</Row>
        <Row label={t("fields.privateFunding")}>{money(p.privateFunding)}</Row>
        <Row label={t("fields.termYears")}>{t("years", { count: p.termYears })}</Row>
        <Row label={t("fields.riskAllocation")}>{p.riskAllocation}</Row>
        <Row label={t("fields.servicesCovered")}>{p.servicesCovered}</Row>
      </dl>
    );
  }
  if (kind === "narrative") {
    const p = payload as NarrativePayload;
    return (
      <dl className="divide-y divide-slate-100">
        <Row label={t("fields.questionKey")}>{questionText ?? p.questionKey}</Row>
        <Row label={t("fields.answer")}>{p.answer}</Row>
      </dl>
    );
  }
  const description = (payload as { description?: string }).description;
  return (
    <dl className="divide-y divide-slate-100">
      <Row label={t("fields.file")}>
        {file ? (
          <span className="space-y-1">
            {downloadHref ? (
              <a href={downloadHref} download data-testid="evidence-download">
                {file.filename}
              </a>
            ) : (
              <span>{file.filename}</span>
            )}
            <span className="block text-xs text-slate-600">
              {file.mimeType} · {formatBytes(file.sizeBytes)} · SHA-256 <code className="break-all">{file.sha256}</code>
            </span>
          </span>
        ) : (
          "—"
        )}
      </Row>
      {description ? <Row label={t("fields.description")}>{description}</Row> : null}
    </dl>
  );
}
