import type { ReactNode } from "react";

/**
 * The document itself is app/[locale]/layout.tsx (it knows the language). This pass-through exists
 * for the few routes outside a locale: the not-found page of an address no locale matches.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
