"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { nextCursorPage } from "@/components/providers/query-client";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/form-field";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";
import { Link } from "@/i18n/navigation";
import { ASSESSMENT_STATUSES, type AssessmentStatus } from "@/shared/domain-values";
import { AssessmentStatusBadge } from "./assessment-status-badge";
import { assessmentsAcrossCitiesInput } from "./workflow-query-inputs";

/** For the expert group and admins: every city's assessment, filtered by status, newest change first. */
export function AssessmentsAcrossCities({ initialStatus }: { initialStatus: AssessmentStatus | "" }) {
  const t = useTranslations("workflow");
  const format = useFormatter();
  const trpc = useTRPC();
  const [status, setStatus] = useState<AssessmentStatus | "">(initialStatus);
  const list = useInfiniteQuery(trpc.workflow.assessments.infiniteQueryOptions(assessmentsAcrossCitiesInput(status), nextCursorPage));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card aria-labelledby="across-cities-title">
      <CardHeader title={<span id="across-cities-title">{t("leadership.globalTitle")}</span>} description={t("leadership.globalIntro")} />
      <div className="mb-4 max-w-xs">
        <SelectField
          label={t("leadership.filterStatus")}
          value={status}
          onChange={(e) => setStatus(e.target.value as AssessmentStatus | "")}
        >
          <option value="">{t("leadership.allStatuses")}</option>
          {ASSESSMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isLoading ? (
        <LoadingState label={t("leadership.loading")} />
      ) : list.error ? (
        <Alert>{t("leadership.error")}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={t("leadership.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="assessments-across-cities">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  {t("leadership.city")}
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  {t("status.label")}
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  {t("leadership.updated")}
                </th>
                <th scope="col" className="py-1.5 font-medium">
                  {t("leadership.actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 font-normal">
                    {a.cityName} <span className="text-slate-600">· {a.cycle}</span>
                  </th>
                  <td className="py-1.5 pr-3">
                    <AssessmentStatusBadge status={a.status} />
                  </td>
                  <td className="py-1.5 pr-3 text-slate-600">{format.dateTime(a.updatedAt, { dateStyle: "medium" })}</td>
                  <td className="space-x-3 py-1.5">
                    <Link href={`/leadership?city=${encodeURIComponent(a.citySlug)}`}>{t("leadership.dashboard")}</Link>
                    <Link href={`/assessments/${a.id}/timeline`}>{t("leadership.timeline")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage ? (
        <div className="mt-3">
          <Button variant="secondary" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("leadership.loadMore")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
