import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";

/** One step of the trail; the last one is the page itself (no link, aria-current="page"). */
export type Crumb = { label: ReactNode; href?: string };

/**
 * Where a deep page sits: "Review queue › Lyon 2026 › Open data portal". A labelled nav with an
 * ordered list (the WAI pattern); works in server and client components.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("breadcrumb")} className="text-sm" data-testid="breadcrumbs">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-slate-600">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the trail is positional and never reordered
            <li key={index} className="flex min-w-0 items-center gap-1.5">
              {index > 0 ? (
                <span aria-hidden className="text-slate-400">
                  ›
                </span>
              ) : null}
              {last ? (
                <span aria-current="page" className="break-words font-medium text-slate-800">
                  {item.label}
                </span>
              ) : item.href ? (
                <Link href={item.href} className="break-words text-brand-700 underline">
                  {item.label}
                </Link>
              ) : (
                <span className="break-words">{item.label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
