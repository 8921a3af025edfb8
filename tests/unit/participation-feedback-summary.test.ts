import { describe, expect, it } from "vitest";
import en from "@/messages/en/participation.json";
import zh from "@/messages/zh/participation.json";
import { buildFeedbackSummary } from "@/server/consultations/feedback-summary-core";

describe("buildFeedbackSummary", () => {
  it("gives every asked characteristic a row, even without answers", () => {
    const rows = buildFeedbackSummary(["stakeholders", "funding"], [], []);
    expect(rows.map((r) => [r.characteristicKey, r.count, r.averageRating])).toEqual([
      ["stakeholders", 0, null],
      ["funding", 0, null],
    ]);
  });

  it("counts visible answers, unrated ones included, and keeps hidden ones apart", () => {
    const [row] = buildFeedbackSummary(
      ["stakeholders"],
      [
        { characteristicKey: "stakeholders", rating: 5, hidden: false, n: 2 },
        { characteristicKey: "stakeholders", rating: 2, hidden: false, n: 1 },
        { characteristicKey: "stakeholders", rating: null, hidden: false, n: 4 },
        { characteristicKey: "stakeholders", rating: 1, hidden: true, n: 3 },
        { characteristicKey: "funding", rating: 3, hidden: false, n: 9 },
      ],
      [],
    );
    expect(row).toMatchObject({
      count: 7,
      hiddenCount: 3,
      ratedCount: 3,
      ratingDistribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 2 },
      averageRating: 4,
    });
  });

  it("ranks at most five suggestions by support", () => {
    const suggestions = Array.from({ length: 7 }, (_, i) => ({
      id: `s${i}`,
      characteristicKey: "funding",
      suggestion: `Idea ${i}`,
      supportCount: i,
    }));
    const [row] = buildFeedbackSummary(["funding"], [], suggestions);
    expect(row.topSuggestions.map((s) => s.suggestion)).toEqual(["Idea 6", "Idea 5", "Idea 4", "Idea 3", "Idea 2"]);
  });
});

describe("participation messages", () => {
  function keys(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  it("has the same keys in English and Chinese", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });
});
