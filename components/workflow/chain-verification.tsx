"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";

/** Runs the hash-chain check of one assessment's audit trail on demand. */
export function ChainVerification({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("audit.verify");
  const trpc = useTRPC();
  const check = useQuery({ ...trpc.audit.verify.queryOptions({ assessmentId }), enabled: false, staleTime: 0, retry: false });
  const result = check.data;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <Button type="button" variant="secondary" onClick={() => void check.refetch()} disabled={check.isFetching} data-testid="verify-chain">
        {check.isFetching ? t("checking") : t("button")}
      </Button>
      <div aria-live="polite">
        {check.error ? <Alert>{t("error")}</Alert> : null}
        {result && !check.isFetching ? (
          result.ok ? (
            <Alert tone="success">{t("ok", { checked: result.checked })}</Alert>
          ) : (
            <Alert>
              <p>{t("broken", { id: result.brokenAtId, checked: result.checked, problem: t(result.problem) })}</p>
              {result.breakCount > 1 ? (
                <>
                  <p className="mt-2">{t("allBreaks", { count: result.breakCount, listed: result.breaks.length })}</p>
                  <ul className="mt-1 list-disc pl-5" data-testid="chain-breaks">
                    {result.breaks.map((b) => (
                      <li key={b.id}>{t("breakItem", { id: b.id, problem: t(b.problem) })}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Alert>
          )
        ) : null}
      </div>
    </div>
  );
}
