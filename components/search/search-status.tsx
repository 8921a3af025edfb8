"use client";

import { useTranslations } from "next-intl";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";

/** Loading, error, nothing typed and no results: the states every search view shows alike. */
export function SearchStatus({ q, isPending, isError, isEmpty }: { q: string; isPending: boolean; isError: boolean; isEmpty: boolean }) {
  const t = useTranslations("search");
  if (!q) return <p className="px-2 py-4 text-sm text-slate-600">{t("typeToSearch")}</p>;
  if (isError) return <Alert>{t("error")}</Alert>;
  if (isPending) return <LoadingState label={t("loading")} />;
  if (isEmpty)
    return (
      <div data-testid="search-empty">
        <EmptyState title={t("empty", { query: q })}>{t("emptyHint")}</EmptyState>
      </div>
    );
  return null;
}
