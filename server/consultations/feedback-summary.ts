import { and, asc, count, eq, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { feedback } from "@/db/schema/participation";
import type { ConsultationRow } from "./consultations";
import { buildFeedbackSummary, type CharacteristicFeedbackSummary, TOP_SUGGESTIONS } from "./feedback-summary-core";

/**
 * Counts, rating distribution and most-supported suggestions per characteristic, in two grouped
 * queries (no per-characteristic round trips).
 */
export async function summariseConsultationFeedback(db: Db, consultation: ConsultationRow): Promise<CharacteristicFeedbackSummary[]> {
  const hidden = sql<boolean>`${feedback.moderationState} <> 'ok'`;
  const counts = await db
    .select({ characteristicKey: feedback.characteristicKey, rating: feedback.rating, hidden, n: count() })
    .from(feedback)
    .where(eq(feedback.consultationId, consultation.id))
    .groupBy(feedback.characteristicKey, feedback.rating, hidden);
  const ranked = db
    .select({
      id: feedback.id,
      characteristicKey: feedback.characteristicKey,
      suggestion: feedback.suggestion,
      supportCount: feedback.supportCount,
      rank: sql<number>`row_number() over (partition by ${feedback.characteristicKey} order by ${feedback.supportCount} desc, ${feedback.createdAt} asc, ${feedback.id} asc)`.as(
        "rank",
      ),
    })
    .from(feedback)
    .where(
      and(
        eq(feedback.consultationId, consultation.id),
        isNotNull(feedback.suggestion),
        ne(feedback.suggestion, ""),
        eq(feedback.moderationState, "ok"),
      ),
    )
    .as("ranked");
  const suggestions = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, TOP_SUGGESTIONS))
    .orderBy(asc(ranked.characteristicKey), asc(ranked.rank));
  return buildFeedbackSummary(
    consultation.characteristicKeys,
    counts.map((c) => ({ characteristicKey: c.characteristicKey, rating: c.rating, hidden: Boolean(c.hidden), n: Number(c.n) })),
    suggestions.map((s) => ({
      id: s.id,
      characteristicKey: s.characteristicKey,
      suggestion: s.suggestion ?? "",
      supportCount: s.supportCount,
    })),
  );
}
