import clsx, { type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Class names joined by clsx, then de-conflicted by tailwind-merge: a later Tailwind class wins
 * over an earlier one of the same kind, so `<Button className="px-6">` replaces the built-in `px-4`
 * instead of depending on CSS order.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
