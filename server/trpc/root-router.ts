import { accountsRouter } from "@/server/routers/accounts-router";
import { citiesRouter } from "@/server/routers/cities-router";
import { createCallerFactory, router } from "./init";

// One router per domain; each slice adds its line here.
export const appRouter = router({
  accounts: accountsRouter,
  cities: citiesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
