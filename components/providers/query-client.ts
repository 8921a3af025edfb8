import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One QueryClient setup for the browser and for server prefetching (app/_lib/query-prefetch.tsx):
 * queries a page prefetched on the server arrive in its HTML, serialized with superjson like every
 * tRPC payload, so the client starts with the data instead of a loading state.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: 1 },
      dehydrate: {
        serializeData: superjson.serialize,
        // Only what finished: a failed prefetch is retried by the client and shows its own error state.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query),
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

/** The next page of a cursor-paged procedure (every list procedure answers `{ items, nextCursor }`). */
export const nextCursorPage = { getNextPageParam: (last: { nextCursor?: string | null }) => last.nextCursor ?? undefined };
