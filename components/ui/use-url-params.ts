"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * A list's filters and page position kept in the address bar, so back/forward step through them and
 * a copied link opens the same view. Writes go through the History API, which Next keeps in step
 * with useSearchParams without a server round trip. Empty values leave the URL.
 */
export function useUrlParams<K extends string>(keys: readonly K[]) {
  const searchParams = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, searchParams.get(key) ?? ""])) as Record<K, string>;
  const update = useCallback((patch: Partial<Record<K, string | null>>, mode: "push" | "replace" = "push") => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(patch) as [string, string | null | undefined][]) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return [values, update] as const;
}

/** The value if it is one of `allowed`, else the fallback (a hand-edited URL never reaches the server as an invalid filter). */
export function oneOf<T extends string, F extends string>(value: string, allowed: readonly T[], fallback: F): T | F {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
