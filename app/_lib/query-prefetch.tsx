import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/components/providers/query-client";
import { appRouter } from "@/server/api/root-router";
import { getServerContext } from "@/server/api/server-caller";

/**
 * Server prefetch and hydrate, the tRPC + React Query pattern for the App Router: a work page awaits
 * `getQueryClient().prefetchQuery(trpcServer.x.queryOptions(input))` (or prefetchInfiniteQuery) for
 * the queries its client components will make, with the same input, and wraps them in
 * <HydrateClient>. The data is in the HTML; the client components find it in their cache and show
 * no loading state after the page arrives. Same procedures, same checks: the calls run in-process
 * with the request's session.
 */
export const getQueryClient = cache(makeQueryClient);

export const trpcServer = createTRPCOptionsProxy({ ctx: getServerContext, router: appRouter, queryClient: getQueryClient });

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
