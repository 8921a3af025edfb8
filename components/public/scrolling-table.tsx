import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A wide table that scrolls sideways inside its card on a narrow screen, so the page itself never
 * does. It takes keyboard focus (a keyboard user can scroll it with the arrow keys; axe's
 * scrollable-region-focusable) and is named after the table it holds. It is `relative` so that the
 * visually hidden (absolutely positioned) texts in its cells are clipped with it: otherwise they widen
 * the page on a phone.
 */
export function ScrollingTable({
  label,
  className,
  children,
  testId,
}: {
  label: string;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled by it
      tabIndex={0}
      className={cn("relative overflow-x-auto focus-visible:ring-2 focus-visible:ring-brand-600", className)}
      data-testid={testId}
    >
      {children}
    </section>
  );
}
