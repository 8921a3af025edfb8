import { runSearch } from "@/server/search/search-query";
import { loadSearchScope } from "@/server/search/search-scope";
import { searchInputSchema } from "@/server/search/search-terms";
import { publicProcedure, router } from "@/server/trpc/init";

/** One search box over what the caller may see (anonymous callers: public content only). */
export const searchRouter = router({
  query: publicProcedure
    .input(searchInputSchema)
    .query(async ({ ctx, input }) => runSearch(ctx.db, await loadSearchScope(ctx.db, ctx.userId), input, ctx.locale)),
});
