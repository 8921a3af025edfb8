"use client";

import { useLocale } from "next-intl";
import { startTransition } from "react";
import { type NoticeLocale, UnavailableNotice } from "@/components/errors/unavailable-notice";
import { useRouter } from "@/i18n/navigation";

/** The shared error boundary for pages: a page that failed (e.g. the database is down) offers a retry. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useLocale() === "zh" ? "zh" : ("en" satisfies NoticeLocale);
  const router = useRouter();
  return (
    <div className="py-10">
      <UnavailableNotice
        locale={locale}
        digest={error.digest}
        onRetry={() =>
          startTransition(() => {
            // Server components render again only after a refresh; reset clears the boundary.
            router.refresh();
            reset();
          })
        }
      />
    </div>
  );
}
