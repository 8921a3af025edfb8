"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * How many answers gave each rating. The chart is decorative for screen readers (aria-hidden):
 * the same numbers are in the table next to it.
 */
export function RatingDistributionChart({ distribution }: { distribution: Record<1 | 2 | 3 | 4 | 5, number> }) {
  const t = useTranslations("participation.summary");
  const data = ([1, 2, 3, 4, 5] as const).map((r) => ({ rating: String(r), count: distribution[r] }));
  return (
    <div className="h-48 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="rating" label={{ value: t("ratingAxis"), position: "insideBottom", offset: -4 }} height={36} />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip formatter={(value) => [value, t("answers")]} />
          <Bar dataKey="count" fill="#17705a" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
