"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

/**
 * "Not found" inside a locale: a missing city, a hidden item, an unknown address. A client
 * component: it gets no params, and reading the locale on the server would make every page dynamic.
 */
export default function NotFound() {
  const t = useTranslations("common");
  return (
    <div className="mx-auto max-w-xl space-y-3 py-10">
      <h1>{t("notFound")}</h1>
      <p>
        <Link href="/">{t("appName")}</Link>
      </p>
    </div>
  );
}
