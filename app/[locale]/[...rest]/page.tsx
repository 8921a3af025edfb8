import { notFound } from "next/navigation";

/** Any address under a locale that no page matches: the localized "not found" (app/[locale]/not-found.tsx). */
export default function UnknownPage() {
  notFound();
}
