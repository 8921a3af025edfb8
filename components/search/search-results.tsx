"use client";

import { useTranslations } from "next-intl";
import type { KeyboardEvent } from "react";
import { Link } from "@/i18n/navigation";
import { SEARCH_KINDS, type SearchKind } from "@/server/search/search-terms";

export type SearchResultItem = {
  kind: SearchKind;
  id: string;
  title: string;
  snippet: string;
  cityName: string | null;
  href: string;
};

/** Arrow keys move between the results (and back to the search field above them). */
export function moveBetweenResults(event: KeyboardEvent<HTMLElement>, container: HTMLElement | null) {
  if (!container || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
  const links = [...container.querySelectorAll<HTMLElement>("[data-search-result]")];
  if (!links.length) return;
  event.preventDefault();
  const at = links.indexOf(document.activeElement as HTMLElement);
  if (at === -1) {
    if (event.key === "ArrowDown") links[0].focus();
    return;
  }
  const next = event.key === "ArrowDown" ? at + 1 : at - 1;
  if (next < 0) container.querySelector<HTMLElement>("[data-search-input]")?.focus();
  else links[Math.min(next, links.length - 1)].focus();
}

/** Results grouped by kind, in a fixed order; each is a link. */
export function SearchResults({
  items,
  onOpen,
  onKeyDown,
}: {
  items: SearchResultItem[];
  onOpen?: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}) {
  const t = useTranslations("search");
  const groups = SEARCH_KINDS.map((kind) => ({ kind, items: items.filter((i) => i.kind === kind) })).filter((g) => g.items.length);
  return (
    <div className="space-y-4" data-testid="search-results">
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`search-group-${group.kind}`} data-testid={`search-group-${group.kind}`}>
          <h3 id={`search-group-${group.kind}`} className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {t(`kinds.${group.kind}`)}
          </h3>
          <ul className="mt-1 space-y-0.5">
            {group.items.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <Link
                  href={item.href}
                  onClick={onOpen}
                  onKeyDown={onKeyDown}
                  data-search-result
                  className="block rounded-md px-2 py-2 text-slate-800 no-underline hover:bg-slate-100 focus:bg-brand-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
                >
                  <span className="block text-sm font-medium text-slate-900">
                    {item.title}
                    {item.cityName && item.kind !== "city" && item.title !== item.cityName ? (
                      <span className="font-normal text-slate-600"> · {item.cityName}</span>
                    ) : null}
                  </span>
                  <span className="block break-words text-sm text-slate-600">{item.snippet}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
