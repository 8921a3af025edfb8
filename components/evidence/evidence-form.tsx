"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { get, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { applyServerFieldErrors } from "@/components/forms/server-field-errors";
import { KpiLinkSelect } from "@/components/kpis/kpi-link-select";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/form-field";
import { Alert } from "@/components/ui/states";
import { asLocale } from "@/i18n/locales";
import { Link, useRouter } from "@/i18n/navigation";
import { COMMON_CURRENCIES, ISO_4217_CURRENCIES } from "@/server/evidence/currencies";
import {
  defaultPublicContent,
  EVIDENCE_CONTENT_SCHEMAS,
  type EvidenceContent,
  KPI_STANDARDS,
  PPP_MODELS,
} from "@/server/evidence/evidence-schemas";
import { setNumberLocaleSource } from "@/server/validation/locale-number";
import type { CharacteristicKey, EvidenceKind } from "@/shared/domain-values";
import { type EvidenceFileInfo, EvidencePayloadView } from "./evidence-payload-view";
import { FileUploadField } from "./file-upload-field";

export type CriterionOption = { key: string; level: string; levelLabel: string; text: string };
export type QuestionOption = { key: string; text: string; depth: number };

/** What the inputs hold (strings, a loose payload); the kind's schema turns it into `EvidenceContent`. */
type FormValues = {
  kind: EvidenceKind;
  title: string;
  criterionKeys?: string[];
  publicContent?: boolean;
  payload: Record<string, unknown>;
};

type Mode =
  | { type: "create" }
  | { type: "revise"; evidenceId: string; expectedRevision: number; initial: Omit<FormValues, "kind">; file: EvidenceFileInfo | null };

type Props = {
  assessmentId: string;
  characteristicKey: CharacteristicKey;
  kind: EvidenceKind;
  criteria: CriterionOption[];
  questions: QuestionOption[];
  mode: Mode;
  onDone?: () => void;
};

const PAYLOAD_FIELDS: Record<EvidenceKind, string[]> = {
  document: ["fileId", "description"],
  link: ["url", "description"],
  kpi: ["indicatorName", "value", "unit", "measuredOn", "target", "standard", "standardReference", "kpiId"],
  ppp: [
    "partnerOrganisation",
    "model",
    "modelDetail",
    "publicFunding",
    "privateFunding",
    "currency",
    "termYears",
    "riskAllocation",
    "servicesCovered",
  ],
  narrative: ["questionKey", "answer"],
};

function emptyPayload(kind: EvidenceKind, questions: QuestionOption[]): Record<string, unknown> {
  switch (kind) {
    case "document":
      return { fileId: "", description: "" };
    case "link":
      return { url: "", description: "" };
    case "kpi":
      return {
        indicatorName: "",
        value: "",
        unit: "",
        measuredOn: "",
        target: "",
        standard: "iso_37120",
        standardReference: "",
        kpiId: "",
      };
    case "ppp":
      return {
        partnerOrganisation: "",
        model: "build_operate",
        modelDetail: "",
        publicFunding: "",
        privateFunding: "",
        currency: "EUR",
        termYears: "",
        riskAllocation: "",
        servicesCovered: "",
      };
    case "narrative":
      return { questionKey: questions[0]?.key ?? "", answer: "" };
  }
}

/** Absent optional values come back from the server as undefined; inputs want strings. */
function formPayload(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v ?? ""]));
}

/**
 * One form per kind of evidence, validated with the router's own zod schema; the server's field
 * messages land on the same fields. "Preview" shows the evidence as reviewers will read it.
 */
export function EvidenceForm({ assessmentId, characteristicKey, kind, criteria, questions, mode, onDone }: Props) {
  const t = useTranslations("evidence");
  const locale = asLocale(useLocale());
  // The browser parses "1,250" as the page's language writes it, as the server does for the request.
  if (typeof window !== "undefined") setNumberLocaleSource(() => locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const defaults: FormValues =
    mode.type === "revise"
      ? { kind, publicContent: defaultPublicContent(kind), ...mode.initial, payload: formPayload(mode.initial.payload) }
      : { kind, title: "", criterionKeys: [], publicContent: defaultPublicContent(kind), payload: emptyPayload(kind, questions) };
  const schema: z.ZodType<EvidenceContent, FormValues> = EVIDENCE_CONTENT_SCHEMAS[kind];
  const form = useForm<FormValues, unknown, EvidenceContent>({
    resolver: zodResolver(schema),
    defaultValues: defaults,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [preview, setPreview] = useState<EvidenceContent | null>(null);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const [file, setFile] = useState<EvidenceFileInfo | null>(mode.type === "revise" ? mode.file : null);
  const [uploadKey, setUploadKey] = useState(0);
  const tToast = useTranslations("common.toast");
  const submit = useMutation(trpc.evidence.submit.mutationOptions());
  const revise = useMutation(trpc.evidence.revise.mutationOptions());
  const fieldNames = [
    "title",
    "criterionKeys",
    "publicContent",
    "kind",
    "characteristicKey",
    ...PAYLOAD_FIELDS[kind].map((f) => `payload.${f}`),
  ];
  const errorOf = (path: string) => (get(form.formState.errors, path) as { message?: string } | undefined)?.message;
  const model = form.watch("payload.model");
  const standard = form.watch("payload.standard");

  // Lists, summaries and "my submissions" alike (the lists are infinite queries).
  const invalidateLists = () => queryClient.invalidateQueries(trpc.evidence.pathFilter());

  const onSubmit = form.handleSubmit(async (content) => {
    setFormError(null);
    setConflict(false);
    setCreated(null);
    try {
      if (mode.type === "create") {
        const result = await submit.mutateAsync({ assessmentId, characteristicKey, ...content });
        setCreated({ id: result.id, title: result.title });
        form.reset({
          kind,
          title: "",
          criterionKeys: [],
          publicContent: defaultPublicContent(kind),
          payload: emptyPayload(kind, questions),
        });
        setFile(null);
        setUploadKey((k) => k + 1);
        toast.success(tToast("evidenceSubmitted"));
      } else {
        await revise.mutateAsync({ evidenceId: mode.evidenceId, expectedRevision: mode.expectedRevision, ...content });
        toast.success(tToast("evidenceRevised"));
      }
      setPreview(null);
      await invalidateLists();
      router.refresh();
      onDone?.();
    } catch (error) {
      if ((error as { data?: { code?: string } }).data?.code === "CONFLICT") setConflict(true);
      setFormError(applyServerFieldErrors(error, form.setError, fieldNames));
    }
  });

  const onPreview = form.handleSubmit((values) => {
    const parsed = EVIDENCE_CONTENT_SCHEMAS[kind].safeParse(values);
    setPreview(parsed.success ? parsed.data : null);
  });

  const criteriaByLevel = criteria.reduce<Map<string, CriterionOption[]>>((groups, c) => {
    groups.set(c.levelLabel, [...(groups.get(c.levelLabel) ?? []), c]);
    return groups;
  }, new Map());
  const busy = form.formState.isSubmitting;
  const questionText = (key: string) => questions.find((q) => q.key === key)?.text;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t(`addForm.${kind}`)} data-testid={`evidence-form-${kind}`}>
      {formError ? (
        <Alert>
          {formError}
          {conflict ? (
            <Button type="button" variant="secondary" size="sm" className="ml-3" onClick={() => router.refresh()}>
              {t("reload")}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {created ? (
        <Alert tone="success">
          {t("submitted")}{" "}
          <Link href={`/workspace/evidence/${created.id}`} className="underline">
            {created.title}
          </Link>
        </Alert>
      ) : null}

      <TextField label={t("fields.title")} error={errorOf("title")} {...form.register("title")} />

      {kind === "document" ? (
        <>
          <FileUploadField
            key={uploadKey}
            assessmentId={assessmentId}
            current={file}
            error={errorOf("payload.fileId")}
            onUploaded={(stored) => {
              setFile(stored);
              form.setValue("payload.fileId", stored?.id ?? "", { shouldValidate: form.formState.isSubmitted });
            }}
          />
          <TextAreaField
            label={t("fields.descriptionOptional")}
            error={errorOf("payload.description")}
            {...form.register("payload.description")}
          />
        </>
      ) : null}

      {kind === "link" ? (
        <>
          <TextField
            label={t("fields.url")}
            type="url"
            inputMode="url"
            placeholder="https://"
            error={errorOf("payload.url")}
            {...form.register("payload.url")}
          />
          <TextAreaField label={t("fields.description")} error={errorOf("payload.description")} {...form.register("payload.description")} />
        </>
      ) : null}

      {kind === "kpi" ? (
        <>
          <TextField
            label={t("fields.indicatorName")}
            error={errorOf("payload.indicatorName")}
            {...form.register("payload.indicatorName")}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t("fields.value")}
              type="text"
              inputMode="decimal"
              error={errorOf("payload.value")}
              {...form.register("payload.value")}
            />
            <TextField label={t("fields.unit")} error={errorOf("payload.unit")} {...form.register("payload.unit")} />
            <TextField
              label={t("fields.targetOptional")}
              type="text"
              inputMode="decimal"
              error={errorOf("payload.target")}
              {...form.register("payload.target")}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("fields.measuredOn")}
              type="date"
              error={errorOf("payload.measuredOn")}
              {...form.register("payload.measuredOn")}
            />
            <SelectField label={t("fields.standard")} error={errorOf("payload.standard")} {...form.register("payload.standard")}>
              {KPI_STANDARDS.map((s) => (
                <option key={s} value={s}>
                  {t(`standards.${s}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextField
            label={standard === "other" ? t("fields.standardName") : t("fields.standardReference")}
            hint={t("hints.standardReference")}
            error={errorOf("payload.standardReference")}
            {...form.register("payload.standardReference")}
          />
          <KpiLinkSelect assessmentId={assessmentId} error={errorOf("payload.kpiId")} {...form.register("payload.kpiId")} />
        </>
      ) : null}

      {kind === "ppp" ? (
        <>
          <TextField
            label={t("fields.partnerOrganisation")}
            error={errorOf("payload.partnerOrganisation")}
            {...form.register("payload.partnerOrganisation")}
          />
          <SelectField label={t("fields.model")} error={errorOf("payload.model")} {...form.register("payload.model")}>
            {PPP_MODELS.map((m) => (
              <option key={m} value={m}>
                {t(`pppModels.${m}`)}
              </option>
            ))}
          </SelectField>
          {model === "other" ? (
            <TextField label={t("fields.modelDetail")} error={errorOf("payload.modelDetail")} {...form.register("payload.modelDetail")} />
          ) : null}
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t("fields.publicFunding")}
              type="text"
              inputMode="decimal"
              error={errorOf("payload.publicFunding")}
              {...form.register("payload.publicFunding")}
            />
            <TextField
              label={t("fields.privateFunding")}
              type="text"
              inputMode="decimal"
              error={errorOf("payload.privateFunding")}
              {...form.register("payload.privateFunding")}
            />
            <SelectField label={t("fields.currency")} error={errorOf("payload.currency")} {...form.register("payload.currency")}>
              <optgroup label={t("commonCurrencies")}>
                {COMMON_CURRENCIES.map((c) => (
                  <option key={`common-${c}`} value={c}>
                    {c}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("allCurrencies")}>
                {ISO_4217_CURRENCIES.filter((c) => !COMMON_CURRENCIES.includes(c)).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </optgroup>
            </SelectField>
          </div>
          <TextField
            label={t("fields.termYears")}
            type="text"
            inputMode="decimal"
            error={errorOf("payload.termYears")}
            {...form.register("payload.termYears")}
          />
          <TextAreaField
            label={t("fields.riskAllocation")}
            error={errorOf("payload.riskAllocation")}
            {...form.register("payload.riskAllocation")}
          />
          <TextField
            label={t("fields.servicesCovered")}
            hint={t("hints.servicesCovered")}
            error={errorOf("payload.servicesCovered")}
            {...form.register("payload.servicesCovered")}
          />
        </>
      ) : null}

      {kind === "narrative" ? (
        <>
          <SelectField label={t("fields.questionKey")} error={errorOf("payload.questionKey")} {...form.register("payload.questionKey")}>
            {questions.map((q) => (
              <option key={q.key} value={q.key}>{`${"— ".repeat(q.depth)}${q.text}`}</option>
            ))}
          </SelectField>
          <TextAreaField label={t("fields.answer")} rows={8} error={errorOf("payload.answer")} {...form.register("payload.answer")} />
        </>
      ) : null}

      <fieldset className="space-y-2" aria-describedby={errorOf("criterionKeys") ? "criteria-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("fields.criterionKeys")}</legend>
        <p className="text-xs text-slate-500">{t("hints.criterionKeys")}</p>
        {[...criteriaByLevel.entries()].map(([levelLabel, items]) => (
          <div key={levelLabel}>
            <p className="mt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{levelLabel}</p>
            <ul className="space-y-1">
              {items.map((c) => (
                <li key={c.key}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" value={c.key} className="mt-1" {...form.register("criterionKeys")} />
                    <span>{c.text}</span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {errorOf("criterionKeys") ? (
          <p id="criteria-error" role="alert" className="text-sm text-red-700">
            {errorOf("criterionKeys")}
          </p>
        ) : null}
      </fieldset>

      {kind === "document" || kind === "link" || kind === "kpi" ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" aria-describedby={`public-content-hint-${kind}`} {...form.register("publicContent")} />
            <span className="font-medium text-slate-800">{t(`fields.publicContent.${kind}`)}</span>
          </label>
          <p id={`public-content-hint-${kind}`} className="mt-1 pl-6 text-xs text-slate-600">
            {t("hints.publicContent")}
          </p>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={() => void onPreview()}>
          {t("preview")}
        </Button>
        <Button type="submit" disabled={busy}>
          {mode.type === "create" ? t("submit") : t("resubmit")}
        </Button>
      </div>

      {preview ? (
        <section
          aria-labelledby={`preview-${kind}`}
          className="rounded-lg border border-brand-100 bg-brand-50 p-4"
          data-testid="evidence-preview"
        >
          <h3 id={`preview-${kind}`} className="font-semibold">
            {t("previewTitle")}
          </h3>
          <p className="mt-1 font-medium">{preview.title}</p>
          <div className="mt-2">
            <EvidencePayloadView
              kind={preview.kind}
              payload={preview.payload}
              file={file}
              questionText={preview.kind === "narrative" ? questionText(preview.payload.questionKey) : undefined}
            />
          </div>
          {preview.criterionKeys.length ? (
            <ul className="mt-2 list-disc pl-5 text-sm">
              {criteria
                .filter((c) => preview.criterionKeys.includes(c.key))
                .map((c) => (
                  <li key={c.key}>{c.text}</li>
                ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </form>
  );
}
