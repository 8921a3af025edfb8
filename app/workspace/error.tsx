"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";

export default function WorkspaceError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("evidence");
  return (
    <div className="space-y-3">
      <Alert>{t("pageError")}</Alert>
      <Button variant="secondary" onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
