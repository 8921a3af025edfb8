"use client";

import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { cn } from "@/components/ui/cn";
import { SEARCH_MAX_LENGTH } from "@/server/search/search-terms";
import { moveBetweenResults } from "./search-results";

/**
 * The search field of the dialog and the results page: labelled, capped at the server's length,
 * and ↓/↑ move from it into the results of `panel`.
 */
export function SearchInput({
  value,
  onChange,
  panel,
  className,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  panel: RefObject<HTMLElement | null>;
  className: string;
  testId: string;
}) {
  const t = useTranslations("search");
  return (
    <input
      type="search"
      data-search-input
      onKeyDown={(event) => moveBetweenResults(event, panel.current)}
      aria-label={t("label")}
      placeholder={t("placeholder")}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      maxLength={SEARCH_MAX_LENGTH}
      className={cn("min-w-0 text-base focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600", className)}
      data-testid={testId}
    />
  );
}
