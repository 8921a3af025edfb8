import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Link } from "@/i18n/navigation";

type Props = {
  count: number;
  label: string;
  /** A line under the label: the oldest date, the next deadline, what zero means. */
  hint?: ReactNode;
  href?: string | null;
  /** Something waits on the viewer: drawn with the accent when the count is not zero. */
  urgent?: boolean;
  testId?: string;
};

/**
 * One live count on a role home page, with the page that deals with it. The whole tile is the link,
 * and the link's text is the count and the label, so a screen reader hears "3 changes requested".
 */
export function CountTile({ count, label, hint, href, urgent, testId }: Props) {
  const attention = urgent && count > 0;
  const body = (
    <>
      <span className={cn("block text-3xl font-semibold tabular-nums", attention ? "text-amber-800" : "text-slate-900")} data-count={count}>
        {count}
      </span>
      <span className="mt-1 block text-sm font-medium text-slate-800">{label}</span>
      {hint ? <span className="mt-1 block text-xs text-slate-600">{hint}</span> : null}
    </>
  );
  const frame = cn(
    "block h-full min-w-0 rounded-lg border p-4 break-words",
    attention ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white",
  );
  return (
    <li className="min-w-0" data-testid={testId}>
      {href ? (
        <Link href={href} className={cn(frame, "no-underline hover:border-brand-500 hover:bg-brand-50 focus-visible:outline-2")}>
          {body}
        </Link>
      ) : (
        <div className={frame}>{body}</div>
      )}
    </li>
  );
}

export function TileGrid({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={label}>
      {children}
    </ul>
  );
}
