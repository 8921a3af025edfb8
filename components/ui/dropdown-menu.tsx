"use client";

import { DropdownMenu as Menu } from "radix-ui";
import type { ReactElement, ReactNode } from "react";
import { cn } from "./cn";

/**
 * A menu of actions or links opened by a button (Radix DropdownMenu): arrow keys move between items,
 * typing a letter jumps to an item, Escape closes it and focus returns to the trigger.
 */
export function DropdownMenu({
  trigger,
  children,
  align = "end",
  label,
}: {
  /** One element that accepts a ref (e.g. a button). */
  trigger: ReactElement;
  children: ReactNode;
  align?: "start" | "center" | "end";
  /** The menu's accessible name when the trigger's text is not enough. */
  label?: string;
}) {
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger asChild>{trigger}</Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align={align}
          sideOffset={6}
          collisionPadding={8}
          aria-label={label}
          className="z-50 min-w-48 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          {children}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

/** A menu item that is a link (or any element passed as the single child). */
export function DropdownMenuItem({ children, className }: { children: ReactElement; className?: string }) {
  return (
    <Menu.Item
      asChild
      className={cn(
        "block cursor-pointer rounded-md px-3 py-2 text-sm text-slate-700 no-underline outline-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900",
        className,
      )}
    >
      {children}
    </Menu.Item>
  );
}
