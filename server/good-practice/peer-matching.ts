import { levelValue } from "@/server/scoring/levels";
import type { CharacteristicKey, LevelOrNotAssessed, MaturityLevel } from "@/shared/domain-values";

/**
 * The good-practice finder's matching and ranking rules (white paper section 6: "identify other pilot
 * cities" that already made the step a city is planning). Pure: levels come in from the scoring
 * core, nothing here derives a level. The rules in words are in docs/scoring-rules.md
 * ("Good-practice finder").
 */

/** A city's levels by characteristic, as the scoring core reports them. */
export type LevelProfile = Partial<Record<CharacteristicKey, LevelOrNotAssessed>>;

/** A city with published assessments: its latest published levels and the previous cycle's (null: one cycle only). */
export type PeerCandidate = {
  cityId: string;
  name: string;
  region: string;
  latest: LevelProfile;
  previous: LevelProfile | null;
};

/** One step of the city's roadmap: from its current level to the next rung. */
export type StepToMatch = { characteristicKey: CharacteristicKey; currentLevel: LevelOrNotAssessed; nextLevel: MaturityLevel };

export type PeerMatch<P extends PeerCandidate> = {
  peer: P;
  /** The peer's level the cycle before (`not_assessed` when it had only one published cycle). */
  levelBefore: LevelOrNotAssessed;
  levelAfter: LevelOrNotAssessed;
  /** Euclidean distance between the two maturity profiles (see profileDistance); null when nothing compares. */
  distance: number | null;
  /** 1 for identical profiles, 0 for the farthest possible; null with the distance. */
  similarity: number | null;
};

/** Below every rung: "not assessed" (no known level) counts as the bottom of the ladder when comparing starts. */
const NOTHING_KNOWN = -1;
const TOP_VALUE = 4;

function startValue(level: LevelOrNotAssessed | undefined): number {
  return level === undefined ? NOTHING_KNOWN : (levelValue(level) ?? NOTHING_KNOWN);
}

/**
 * A peer made the step when its latest published level is at or above the target rung and its
 * previous published level was at or below the city's current one. A peer with a single published
 * cycle is taken to have started from nothing (not assessed), so it made every step up to its level.
 */
export function madeTheStep(step: StepToMatch, peer: Pick<PeerCandidate, "latest" | "previous">): boolean {
  const after = levelValue(peer.latest[step.characteristicKey] ?? "not_assessed");
  const target = levelValue(step.nextLevel);
  if (after === null || target === null || after < target) return false;
  const before = peer.previous ? startValue(peer.previous[step.characteristicKey]) : NOTHING_KNOWN;
  return before <= startValue(step.currentLevel);
}

/**
 * Euclidean distance between two profiles over the characteristics both have a level for, scaled
 * to every characteristic either has a level for, so a peer with gaps does not look closer than
 * one fully assessed: sqrt(Σ(a−b)² × union / shared). Null when no characteristic has a level in both.
 */
export function profileDistance(a: LevelProfile, b: LevelProfile): number | null {
  let sum = 0;
  let shared = 0;
  let union = 0;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as CharacteristicKey[]);
  for (const key of keys) {
    const x = levelValue(a[key] ?? "not_assessed");
    const y = levelValue(b[key] ?? "not_assessed");
    if (x === null && y === null) continue;
    union++;
    if (x === null || y === null) continue;
    shared++;
    sum += (x - y) ** 2;
  }
  if (shared === 0) return null;
  return Math.sqrt((sum * union) / shared);
}

/** 1 − distance / the largest possible distance over the same characteristics (every one four levels apart). */
function similarityOf(distance: number | null, a: LevelProfile, b: LevelProfile): number | null {
  if (distance === null) return null;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as CharacteristicKey[]);
  let union = 0;
  for (const key of keys) {
    if (levelValue(a[key] ?? "not_assessed") !== null || levelValue(b[key] ?? "not_assessed") !== null) union++;
  }
  return 1 - distance / (TOP_VALUE * Math.sqrt(union));
}

export type RankOptions = {
  /** The city doing the search: never its own peer. */
  ownCityId: string;
  /** Only peers of this region; null or absent for all. */
  region?: string | null;
  limit?: number;
};

/**
 * The peers that made `step`, most similar profile first. Ties (equal distance) go by city name,
 * then id, so the order is stable; peers whose profile does not compare come last.
 */
export function rankPeers<P extends PeerCandidate>(
  own: LevelProfile,
  step: StepToMatch,
  candidates: readonly P[],
  options: RankOptions,
): PeerMatch<P>[] {
  const matches: PeerMatch<P>[] = [];
  for (const peer of candidates) {
    if (peer.cityId === options.ownCityId) continue;
    if (options.region && peer.region !== options.region) continue;
    if (!madeTheStep(step, peer)) continue;
    const distance = profileDistance(own, peer.latest);
    matches.push({
      peer,
      levelBefore: peer.previous?.[step.characteristicKey] ?? "not_assessed",
      levelAfter: peer.latest[step.characteristicKey] ?? "not_assessed",
      distance,
      similarity: similarityOf(distance, own, peer.latest),
    });
  }
  matches.sort(
    (x, y) =>
      (x.distance ?? Number.POSITIVE_INFINITY) - (y.distance ?? Number.POSITIVE_INFINITY) ||
      x.peer.name.localeCompare(y.peer.name, "en") ||
      (x.peer.cityId < y.peer.cityId ? -1 : x.peer.cityId > y.peer.cityId ? 1 : 0),
  );
  return options.limit === undefined ? matches : matches.slice(0, options.limit);
}
