"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";

/** Error state of the public pages: says what failed and offers a retry. */
export function PublicError({ error, reset, messageKey }: { error: Error; reset: () => void; messageKey: "cities.error" | "city.error" | "benchmark.error" | "compare.error" }) {
  const t = useTranslations("public");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="space-y-4">
      <Alert>{t(messageKey)}</Alert>
      <Button variant="secondary" onClick={reset}>
        {t("cities.retry")}
      </Button>
    </div>
  );
}
