"use client";

import { useTranslations } from "next-intl";
import { LoadingState } from "@/components/ui/states";

// A client component: it gets no params, and reading the locale on the server would make the page dynamic.
export default function AccountPrivacyLoading() {
  const t = useTranslations("privacy.account");
  return <LoadingState label={t("title")} />;
}
