"use client";

import { useTranslations } from "next-intl";
import { LoadingState } from "@/components/ui/states";

// A client component: it gets no params, and reading the locale on the server would make the page dynamic.
export default function CompareLoading() {
  const t = useTranslations("public.compare");
  // As tall as the screen: the footer stays below the fold, so the page arriving does not shift it.
  return (
    <div className="min-h-screen">
      <LoadingState label={t("loading")} />
    </div>
  );
}
