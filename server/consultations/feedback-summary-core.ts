/**
 * Turns grouped feedback counts into the per-characteristic summary the leadership group reads.
 * Pure: the queries stay in `feedback-summary.ts`.
 */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export const TOP_SUGGESTIONS = 5;

export type FeedbackCountRow = { characteristicKey: string; rating: number | null; hidden: boolean; n: number };
export type SuggestionRow = { id: string; characteristicKey: string; suggestion: string; supportCount: number };

export type CharacteristicFeedbackSummary = {
  characteristicKey: string;
  /** Feedback shown to the public (hidden and pending-review items are counted apart). */
  count: number;
  hiddenCount: number;
  ratedCount: number;
  /** How many answers gave each rating, 1 to 5. */
  ratingDistribution: Record<(typeof RATINGS)[number], number>;
  /** Mean of the ratings given, null when nobody rated. */
  averageRating: number | null;
  topSuggestions: { id: string; suggestion: string; supportCount: number }[];
};

export function buildFeedbackSummary(
  characteristicKeys: readonly string[],
  counts: readonly FeedbackCountRow[],
  suggestions: readonly SuggestionRow[],
): CharacteristicFeedbackSummary[] {
  return characteristicKeys.map((key) => {
    const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<(typeof RATINGS)[number], number>;
    let count = 0;
    let hiddenCount = 0;
    for (const row of counts) {
      if (row.characteristicKey !== key) continue;
      if (row.hidden) {
        hiddenCount += row.n;
        continue;
      }
      count += row.n;
      if (row.rating !== null && (RATINGS as readonly number[]).includes(row.rating)) {
        distribution[row.rating as (typeof RATINGS)[number]] += row.n;
      }
    }
    const ratedCount = RATINGS.reduce((sum, r) => sum + distribution[r], 0);
    const ratingSum = RATINGS.reduce((sum, r) => sum + r * distribution[r], 0);
    return {
      characteristicKey: key,
      count,
      hiddenCount,
      ratedCount,
      ratingDistribution: distribution,
      averageRating: ratedCount ? Math.round((ratingSum / ratedCount) * 100) / 100 : null,
      topSuggestions: suggestions
        .filter((s) => s.characteristicKey === key)
        .sort((a, b) => b.supportCount - a.supportCount)
        .slice(0, TOP_SUGGESTIONS)
        .map(({ id, suggestion, supportCount }) => ({ id, suggestion, supportCount })),
    };
  });
}
