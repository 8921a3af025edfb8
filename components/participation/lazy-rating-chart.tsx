"use client";

import dynamic from "next/dynamic";

/** The rating chart loaded on demand, so recharts stays out of the summary page's first bundle. */
export const LazyRatingDistributionChart = dynamic(() => import("./rating-distribution-chart").then((m) => m.RatingDistributionChart), {
  ssr: false,
  loading: () => <div aria-hidden className="h-48 w-full animate-pulse rounded-lg bg-slate-100" />,
});
