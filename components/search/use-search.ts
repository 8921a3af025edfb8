"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import type { SearchKind } from "@/server/search/search-terms";

/** The query as typed, sent after a short pause (typing does not send a request per key). */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function useSearch(query: string, options: { limit: number; kinds?: SearchKind[]; cursor?: number }) {
  const trpc = useTRPC();
  const q = useDebounced(query.trim(), 200);
  const result = useQuery({
    ...trpc.search.query.queryOptions({ q, limit: options.limit, kinds: options.kinds, cursor: options.cursor }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // A refused search (too fast, bad input) is not retried: only a server error may be passing.
    retry: (failures, error) => failures < 1 && !(error instanceof TRPCClientError && (error.data?.httpStatus ?? 500) < 500),
  });
  return { q, result };
}
