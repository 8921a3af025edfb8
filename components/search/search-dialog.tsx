"use client";

import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";
import { useEffect, useRef, useState } from "react";
import { Link } from "@/i18n/navigation";
import { SearchInput } from "./search-input";
import { moveBetweenResults, SearchResults } from "./search-results";
import { SearchStatus } from "./search-status";
import { useSearch } from "./use-search";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The header's search: a button, "/" (outside text fields) or Ctrl/Cmd+K opens a dialog that
 * searches as one types; results grouped by kind, arrow keys between them, Enter opens one.
 */
export function SearchDialog() {
  const t = useTranslations("search");
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const panel = useRef<HTMLDivElement>(null);
  const { q, result } = useSearch(query, { limit: 20 });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      if (commandK || (event.key === "/" && !isTyping(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey)) {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const items = q ? (result.data?.items ?? []) : [];
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button
          type="button"
          className="flex h-9 items-center gap-2 rounded-md px-2 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"
          data-testid="search-open"
          aria-keyshortcuts="/ Control+K Meta+K"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8">
            <circle cx="9" cy="9" r="5.5" />
            <path d="M13 13l4 4" strokeLinecap="round" />
          </svg>
          <span className="sr-only lg:not-sr-only">{t("open")}</span>
          <kbd aria-hidden className="hidden rounded border border-slate-300 px-1 text-xs text-slate-600 xl:inline">
            /
          </kbd>
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className="fixed left-1/2 top-4 z-50 flex max-h-[calc(100vh-2rem)] w-[min(40rem,calc(100vw-1rem))] -translate-x-1/2 flex-col rounded-lg bg-white shadow-xl focus:outline-none sm:top-16"
          data-testid="search-dialog"
        >
          <div ref={panel} className="flex min-h-0 flex-1 flex-col">
            <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
              <Dialog.Title className="sr-only">{t("dialogTitle")}</Dialog.Title>
              <Dialog.Description className="sr-only">{t("navHint")}</Dialog.Description>
              <SearchInput value={query} onChange={setQuery} panel={panel} className="flex-1 rounded-md px-2 py-2" testId="search-input" />
              <Dialog.Close className="grid h-9 w-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100">
                <span className="sr-only">{t("close")}</span>
                <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
                  <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
                </svg>
              </Dialog.Close>
            </div>
            <div className="min-h-0 flex-1 overflow-y-auto px-2 py-3" aria-live="polite" aria-busy={result.isFetching}>
              <SearchStatus q={q} isPending={result.isPending} error={result.error} isEmpty={Boolean(result.data) && items.length === 0} />
              {items.length ? (
                <SearchResults
                  items={items}
                  onOpen={() => setOpen(false)}
                  onKeyDown={(event) => moveBetweenResults(event, panel.current)}
                />
              ) : null}
            </div>
            {q && items.length ? (
              <div className="border-t border-slate-200 px-4 py-2 text-sm">
                <Link href={{ pathname: "/search", query: { q } }} onClick={() => setOpen(false)} data-search-result>
                  {t("seeAll")}
                </Link>
              </div>
            ) : null}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
