import { runSearch } from "@/server/search/search-query";
import { loadSearchScope } from "@/server/search/search-scope";
import { searchInputSchema } from "@/server/search/search-terms";
import { router } from "@/server/trpc/init";
import { searchRateLimitedProcedure } from "@/server/trpc/procedures";

/** One search box over what the caller may see (anonymous callers: public content only), rate limited. */
export const searchRouter = router({
  query: searchRateLimitedProcedure
    .input(searchInputSchema)
    .query(async ({ ctx, input }) => runSearch(ctx.db, await loadSearchScope(ctx.db, ctx.userId), input, ctx.locale)),
});
