import { findGoodPractice } from "@/server/good-practice/good-practice-finder";
import { listGoodPracticeInbox, sendGoodPracticeMessage } from "@/server/good-practice/good-practice-messages";
import { goodPracticeContactSchema, goodPracticeFinderSchema, goodPracticeInboxSchema } from "@/server/good-practice/good-practice-schemas";
import { router } from "@/server/trpc/init";
import { cityProcedure } from "@/server/trpc/procedures";

/** The good-practice finder (white paper section 6): peers that made a city's next steps, and contacting them. */
export const goodPracticeRouter = router({
  finder: cityProcedure("good_practice:find")
    .input(goodPracticeFinderSchema)
    .query(({ ctx, input }) => findGoodPractice(ctx.db, ctx.cityId, ctx.actor, { region: input.region }, ctx.locale)),
  contact: cityProcedure("good_practice:contact")
    .input(goodPracticeContactSchema)
    .mutation(({ ctx, input }) => sendGoodPracticeMessage(ctx.db, ctx.actor, ctx.cityId, input)),
  inbox: cityProcedure("good_practice:inbox")
    .input(goodPracticeInboxSchema)
    .query(({ ctx, input }) => listGoodPracticeInbox(ctx.db, ctx.cityId, input, ctx.locale)),
});
