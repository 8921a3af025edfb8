import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { ErasurePendingNotice } from "@/components/privacy/erasure-pending-notice";

// Work pages read the session: always rendered per request (never attempted as static).
export const dynamic = "force-dynamic";

/**
 * Work pages (signed-in, rendered per request) get every message namespace in the browser; public
 * pages get only the few their client components use (app/[locale]/layout.tsx), about half the bytes.
 */
export default async function WorkLayout({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider messages={await getMessages()}>
      <ErasurePendingNotice />
      {children}
    </NextIntlClientProvider>
  );
}
