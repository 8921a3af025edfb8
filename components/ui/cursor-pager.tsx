"use client";

import { useTranslations } from "next-intl";
import { Button } from "./button";

/**
 * Pages of a cursor-paginated list whose position lives in the URL: "Next page" moves the cursor
 * forward (the browser's Back returns), "First page" drops it.
 */
export function CursorPager({
  nextCursor,
  onPage,
  onFirstPage,
  disabled,
}: {
  nextCursor: string | null | undefined;
  /** Set when the list is not on its first page. */
  onFirstPage: (() => void) | null;
  onPage: (cursor: string) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("common");
  if (!nextCursor && !onFirstPage) return null;
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap gap-2">
      {onFirstPage ? (
        <Button type="button" variant="secondary" size="sm" disabled={disabled} onClick={onFirstPage}>
          <span aria-hidden>«</span> {t("firstPage")}
        </Button>
      ) : null}
      {nextCursor ? (
        <Button type="button" variant="secondary" size="sm" disabled={disabled} onClick={() => onPage(nextCursor)} data-testid="next-page">
          {t("nextPage")} <span aria-hidden>›</span>
        </Button>
      ) : null}
    </nav>
  );
}
