"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, LoadingState } from "@/components/ui/states";
import { useRouter } from "@/i18n/navigation";
import { type KpiCsvError, type KpiCsvTarget, validateKpiCsv } from "@/server/kpis/kpi-csv";
import { MAX_KPI_CSV_BYTES, MAX_KPI_CSV_ROWS } from "@/server/kpis/kpi-schemas";

const SHOWN_ERRORS = 200;
const CHUNK = 500;

type Checked = { filename: string; csv: string; total: number; valid: number; errors: KpiCsvError[] };

/** Lets the browser paint the progress bar between chunks. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads the file in the browser, checks it in chunks of 500 rows against the register (progress
 * bar), lists every bad row by line and reason, and uploads it for the server to check again and write.
 */
export function KpiCsvImport({ cityId, registerHref }: { cityId: string; registerHref: string }) {
  const t = useTranslations("kpis.import");
  const tError = useTranslations("kpis.csvErrors");
  const trpc = useTRPC();
  const router = useRouter();
  const fileId = useId();
  const targets = useQuery(trpc.kpis.csvTargets.queryOptions({ cityId }));
  const importCsv = useMutation(trpc.kpis.importCsv.mutationOptions());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reasonOf = (error: KpiCsvError) =>
    tError(error.code, { column: "", value: "", expected: "", found: "", first: "", max: "", ...error.params });

  async function onFile(file: File | undefined) {
    setChecked(null);
    setProblem(null);
    if (!file || !targets.data) return;
    if (file.size > MAX_KPI_CSV_BYTES) {
      setProblem(t("tooLarge"));
      return;
    }
    const csv = await file.text();
    const map = new Map<string, KpiCsvTarget>(targets.data.map(({ reference, ...target }) => [reference, target]));
    setProgress({ done: 0, total: 0 });
    const result = await validateKpiCsv(csv, map, {
      maxRows: MAX_KPI_CSV_ROWS,
      chunkSize: CHUNK,
      onChunk: async (done, total) => {
        setProgress({ done, total });
        await nextFrame();
      },
    });
    setProgress(null);
    setChecked({ filename: file.name, csv, total: result.recordCount, valid: result.rows.length, errors: result.errors });
  }

  async function onImport() {
    if (!checked) return;
    try {
      const result = await importCsv.mutateAsync({
        cityId,
        filename: checked.filename,
        csv: checked.csv,
        mode: validOnly ? "valid_rows_only" : "all_or_nothing",
      });
      if (result.written === 0) {
        toast.error(t("nothingWritten"));
        setChecked({ ...checked, errors: result.errors });
        return;
      }
      toast.success(t("imported", { written: result.written }));
      router.push(registerHref);
      router.refresh();
    } catch (error) {
      toast.error((error as Error).message);
    }
  }

  if (targets.isLoading) return <LoadingState label={t("title")} />;
  if (targets.error) return <Alert>{targets.error.message}</Alert>;
  const invalidLines = checked ? new Set(checked.errors.map((e) => e.line)).size : 0;
  const mayImport = checked && checked.valid > 0 && (checked.errors.length === 0 || validOnly);
  return (
    <div className="space-y-4" data-testid="kpi-csv-import">
      <div className="space-y-1">
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          {t("file")}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="block w-full text-sm"
          disabled={progress !== null || importCsv.isPending}
        />
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
      {progress ? (
        <div className="space-y-1" aria-live="polite">
          <p className="text-sm">{t("checking", { done: progress.done, total: progress.total })}</p>
          <progress
            className="w-full"
            max={progress.total || 1}
            value={progress.done}
            aria-label={t("checking", { done: progress.done, total: progress.total })}
          />
        </div>
      ) : null}
      {checked ? (
        <div className="space-y-3" aria-live="polite">
          <p className="text-sm" data-testid="kpi-csv-summary">
            {t("checked", { total: checked.total, valid: checked.valid, invalid: invalidLines })}
          </p>
          {checked.errors.length === 0 ? (
            <Alert tone="success">{t("noErrors")}</Alert>
          ) : (
            <div className="space-y-2">
              <h2 className="text-base font-semibold">{t("errorsTitle")}</h2>
              <div className="relative max-h-96 overflow-auto rounded-xl border border-slate-200 bg-white">
                <table className="w-full text-left text-sm" data-testid="kpi-csv-errors">
                  <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        {t("line")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("reason")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {checked.errors.slice(0, SHOWN_ERRORS).map((error) => (
                      <tr key={`${error.line}-${error.code}-${error.params?.column ?? ""}`}>
                        <td className="px-3 py-2">{error.line}</td>
                        <td className="px-3 py-2">{reasonOf(error)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {checked.errors.length > SHOWN_ERRORS ? (
                <p className="text-sm">{t("moreErrors", { count: checked.errors.length - SHOWN_ERRORS })}</p>
              ) : null}
              {checked.valid > 0 ? (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} />
                  {t("validOnly")}
                </label>
              ) : null}
            </div>
          )}
          <Button onClick={() => void onImport()} disabled={!mayImport || importCsv.isPending}>
            {importCsv.isPending ? t("importing") : t("submit")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
