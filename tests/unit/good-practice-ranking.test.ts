import { describe, expect, it } from "vitest";
import { type LevelProfile, madeTheStep, type PeerCandidate, profileDistance, rankPeers } from "@/server/good-practice/peer-matching";

const step = { characteristicKey: "funding", currentLevel: "basic", nextLevel: "average" } as const;
const own: LevelProfile = {
  smart_city_strategy: "average",
  funding: "basic",
  governance: "basic",
  legal_regulatory_policies: "not_assessed",
};

function peer(id: string, latest: LevelProfile, previous: LevelProfile | null = null, region = "EU"): PeerCandidate {
  return { cityId: id, name: `City ${id}`, region, latest, previous };
}

describe("madeTheStep", () => {
  it("counts a peer now at or above the target whose previous level was at or below the city's current one", () => {
    expect(madeTheStep(step, peer("a", { funding: "average" }, { funding: "basic" }))).toBe(true);
    expect(madeTheStep(step, peer("a", { funding: "state_of_the_art" }, { funding: "not_yet_addressed" }))).toBe(true);
  });

  it("refuses a peer below the target", () => {
    expect(madeTheStep(step, peer("a", { funding: "basic" }, { funding: "not_yet_addressed" }))).toBe(false);
    expect(madeTheStep(step, peer("a", { funding: "not_assessed" }))).toBe(false);
  });

  it("refuses a peer that was already past the city's level the cycle before (it did not make this step)", () => {
    expect(madeTheStep(step, peer("a", { funding: "more_advanced" }, { funding: "average" }))).toBe(false);
  });

  it("treats a single published cycle, or a previous cycle without a level, as a start from nothing", () => {
    expect(madeTheStep(step, peer("a", { funding: "average" }, null))).toBe(true);
    expect(madeTheStep(step, peer("a", { funding: "average" }, { funding: "not_assessed" }))).toBe(true);
    const fromNothing = { characteristicKey: "funding", currentLevel: "not_assessed", nextLevel: "basic" } as const;
    expect(madeTheStep(fromNothing, peer("a", { funding: "basic" }, null))).toBe(true);
    expect(madeTheStep(fromNothing, peer("a", { funding: "basic" }, { funding: "not_yet_addressed" }))).toBe(false);
  });
});

describe("profileDistance", () => {
  it("is Euclidean over the characteristics both have a level for", () => {
    expect(profileDistance({ funding: "basic", governance: "basic" }, { funding: "state_of_the_art", governance: "basic" })).toBe(3);
    expect(profileDistance(own, own)).toBe(0);
  });

  it("scales a partial overlap to every characteristic either has a level for, so gaps do not look close", () => {
    // Shared: funding (1 apart); union: funding and governance → sqrt(1 × 2 / 1).
    expect(profileDistance({ funding: "basic", governance: "basic" }, { funding: "average" })).toBeCloseTo(Math.SQRT2);
  });

  it("is null when nothing compares", () => {
    expect(profileDistance({ funding: "basic" }, { governance: "basic" })).toBeNull();
    expect(profileDistance({ legal_regulatory_policies: "not_assessed" }, {})).toBeNull();
  });
});

describe("rankPeers", () => {
  const near = peer("near", { smart_city_strategy: "average", funding: "average", governance: "basic" });
  const far = peer("far", { smart_city_strategy: "state_of_the_art", funding: "state_of_the_art", governance: "state_of_the_art" });
  const notMade = peer("not-made", { smart_city_strategy: "average", funding: "basic", governance: "basic" });
  const china = peer("china", { smart_city_strategy: "average", funding: "average", governance: "average" }, null, "China");

  it("lists only the peers that made the step, most similar first, never the city itself", () => {
    const self = { ...near, cityId: "me" };
    const ranked = rankPeers(own, step, [far, notMade, near, china, self], { ownCityId: "me" });
    expect(ranked.map((m) => m.peer.cityId)).toEqual(["near", "china", "far"]);
    expect(ranked[0]).toMatchObject({ distance: 1, levelBefore: "not_assessed", levelAfter: "average" });
    expect(ranked[0].similarity).toBeGreaterThan(ranked[2].similarity ?? 1);
    expect(ranked[0].similarity).toBeCloseTo(1 - 1 / (4 * Math.sqrt(3)));
  });

  it("filters by region", () => {
    expect(rankPeers(own, step, [far, near, china], { ownCityId: "me", region: "China" }).map((m) => m.peer.cityId)).toEqual(["china"]);
    expect(rankPeers(own, step, [far, near, china], { ownCityId: "me", region: "EU" }).map((m) => m.peer.cityId)).toEqual(["near", "far"]);
    expect(rankPeers(own, step, [far, near], { ownCityId: "me", region: "other" })).toEqual([]);
  });

  it("breaks ties in distance by name, then id, whatever the input order", () => {
    const profile: LevelProfile = { smart_city_strategy: "average", funding: "average", governance: "basic" };
    const b = { ...peer("id-2", profile), name: "Bilbao" };
    const a2 = { ...peer("id-9", profile), name: "Aarhus" };
    const a1 = { ...peer("id-1", profile), name: "Aarhus" };
    for (const input of [
      [b, a2, a1],
      [a1, b, a2],
      [a2, a1, b],
    ]) {
      expect(rankPeers(own, step, input, { ownCityId: "me" }).map((m) => m.peer.cityId)).toEqual(["id-1", "id-9", "id-2"]);
    }
  });

  it("puts peers whose profile does not compare last, and honours the limit", () => {
    const noOverlap = peer("no-overlap", { funding: "average" });
    const ownWithoutFunding: LevelProfile = { governance: "basic" };
    const ranked = rankPeers(ownWithoutFunding, step, [noOverlap, near], { ownCityId: "me" });
    expect(ranked.map((m) => [m.peer.cityId, m.distance])).toEqual([
      ["near", 0],
      ["no-overlap", null],
    ]);
    expect(ranked[1].similarity).toBeNull();
    expect(rankPeers(own, step, [far, near, china], { ownCityId: "me", limit: 1 }).map((m) => m.peer.cityId)).toEqual(["near"]);
  });
});
