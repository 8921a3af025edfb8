import { accountsRouter } from "@/server/routers/accounts-router";
import { assessmentsRouter } from "@/server/routers/assessments-router";
import { auditRouter } from "@/server/routers/audit-router";
import { citiesRouter } from "@/server/routers/cities-router";
import { commentsRouter } from "@/server/routers/comments-router";
import { consultationsRouter } from "@/server/routers/consultations-router";
import { dashboardRouter } from "@/server/routers/dashboard-router";
import { evidenceRouter } from "@/server/routers/evidence-router";
import { goodPracticeRouter } from "@/server/routers/good-practice-router";
import { kpiBenchmarksRouter } from "@/server/routers/kpi-benchmarks-router";
import { kpisRouter } from "@/server/routers/kpis-router";
import { mailRouter } from "@/server/routers/mail-router";
import { moderationRouter } from "@/server/routers/moderation-router";
import { notificationsRouter } from "@/server/routers/notifications-router";
import { plansRouter } from "@/server/routers/plans-router";
import { privacyRouter } from "@/server/routers/privacy-router";
import { publicRouter } from "@/server/routers/public-router";
import { reviewRouter } from "@/server/routers/review-router";
import { searchRouter } from "@/server/routers/search-router";
import { ssoRouter } from "@/server/routers/sso-router";
import { workflowRouter } from "@/server/routers/workflow-router";
import { createCallerFactory, router } from "@/server/trpc/init";

// One router per domain; each slice adds its line here.
export const appRouter = router({
  comments: commentsRouter,
  consultations: consultationsRouter,
  moderation: moderationRouter,
  assessments: assessmentsRouter,
  evidence: evidenceRouter,
  review: reviewRouter,
  workflow: workflowRouter,
  audit: auditRouter,
  notifications: notificationsRouter,
  privacy: privacyRouter,
  accounts: accountsRouter,
  cities: citiesRouter,
  public: publicRouter,
  dashboard: dashboardRouter,
  kpiBenchmarks: kpiBenchmarksRouter,
  goodPractice: goodPracticeRouter,
  plans: plansRouter,
  kpis: kpisRouter,
  mail: mailRouter,
  search: searchRouter,
  sso: ssoRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
