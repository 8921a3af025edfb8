"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { Alert, EmptyState, LoadingState } from "@/components/ui/states";

/** Loading, error, nothing typed and no results: the states every search view shows alike. */
export function SearchStatus({ q, isPending, error, isEmpty }: { q: string; isPending: boolean; error: unknown; isEmpty: boolean }) {
  const t = useTranslations("search");
  if (!q) return <p className="px-2 py-4 text-sm text-slate-600">{t("typeToSearch")}</p>;
  if (error) return <Alert>{t(error instanceof TRPCClientError && error.data?.code === "TOO_MANY_REQUESTS" ? "tooMany" : "error")}</Alert>;
  if (isPending) return <LoadingState label={t("loading")} />;
  if (isEmpty)
    return (
      <div data-testid="search-empty">
        <EmptyState title={t("empty", { query: q })}>{t("emptyHint")}</EmptyState>
      </div>
    );
  return null;
}
