"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useRouter } from "@/i18n/navigation";
import { SEARCH_KINDS, type SearchKind } from "@/server/search/search-terms";
import { SearchInput } from "./search-input";
import { moveBetweenResults, SearchResults } from "./search-results";
import { SearchStatus } from "./search-status";
import { useSearch } from "./use-search";

const PAGE = 50;

/** The full results page: the query in the address (?q=), a filter by kind, more results on demand. */
export function SearchPage({ initialQuery }: { initialQuery: string }) {
  const t = useTranslations("search");
  const router = useRouter();
  const [query, setQuery] = useState(initialQuery);
  const [kind, setKind] = useState<SearchKind | null>(null);
  const [pages, setPages] = useState(1);
  const panel = useRef<HTMLDivElement>(null);
  const { q, result } = useSearch(query, { limit: PAGE * pages, kinds: kind ? [kind] : undefined });
  const items = q ? (result.data?.items ?? []) : [];
  const counts = result.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <div ref={panel} className="space-y-4">
      <search>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            router.replace({ pathname: "/search", query: { q: query } });
          }}
        >
          <SearchInput
            value={query}
            onChange={(value) => {
              setQuery(value);
              setPages(1);
            }}
            panel={panel}
            className="w-full rounded-md border border-slate-300 px-3 py-2"
            testId="search-page-input"
          />
        </form>
      </search>
      {counts && q ? (
        <fieldset className="flex flex-wrap gap-2 text-sm">
          <legend className="sr-only">{t("filterLabel")}</legend>
          {[null, ...SEARCH_KINDS].map((k) => (
            <button
              key={k ?? "all"}
              type="button"
              aria-pressed={kind === k}
              onClick={() => {
                setKind(k);
                setPages(1);
              }}
              className={cn("rounded-full px-3 py-1 ring-1 ring-slate-300", kind === k && "bg-brand-600 text-white ring-brand-600")}
            >
              {k ? t(`kinds.${k}`) : t("all")} ({k ? counts[k] : total}
              {k && counts[k] >= (result.data?.countCap ?? Number.POSITIVE_INFINITY) ? "+" : ""})
            </button>
          ))}
        </fieldset>
      ) : null}
      <div aria-live="polite" aria-busy={result.isFetching}>
        {counts && q && items.length ? <p className="text-sm text-slate-600">{t("resultsFor", { count: total, query: q })}</p> : null}
        <SearchStatus q={q} isPending={result.isPending} error={result.error} isEmpty={Boolean(result.data) && items.length === 0} />
      </div>
      {items.length ? <SearchResults items={items} onKeyDown={(event) => moveBetweenResults(event, panel.current)} /> : null}
      {result.data?.nextCursor != null ? (
        <Button type="button" onClick={() => setPages((p) => p + 1)}>
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
