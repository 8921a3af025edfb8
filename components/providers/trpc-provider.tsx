"use client";

// First: must run before any module builds a zod schema (see the file).
import "./zod-jitless";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useLocale } from "next-intl";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import { LOCALE_HEADER } from "@/i18n/locales";
import type { AppRouter } from "@/server/api/root-router";
import { TRPC_MAX_BATCH_SIZE } from "@/server/trpc/limits";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const locale = useLocale();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          maxItems: TRPC_MAX_BATCH_SIZE,
          // The page's language (from its URL), for validation and domain messages.
          headers: () => ({ [LOCALE_HEADER]: locale }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
