/**
 * Scoring core throughput. Run: npx tsx bench/scoring.ts
 * Targets (one core): >= 100,000 assessments/s; a 10,000-city cohort in < 50 ms.
 * Inputs are generated before timing from a fixed seed, so runs are comparable.
 */

import type { Judgement } from "@/shared/domain-values";
import { type CohortEntry, cohortBenchmark } from "../server/scoring/cohort-benchmark";
import { currentFramework } from "../server/scoring/framework-registry";
import { CRITERIA_LEVELS } from "../server/scoring/levels";
import { type AssessmentInput, type AssessmentScore, levelsFromScore, scoreAssessment } from "../server/scoring/score-assessment";

const ASSESSMENTS = 100_000;
const COHORT_CITIES = 10_000;
const COHORT_RUNS = 20;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const framework = currentFramework();
const random = mulberry32(20140301);

/** A city that climbed to some level per characteristic, with noise above and below it. */
function makeInput(): AssessmentInput {
  const judgements: AssessmentInput["judgements"] = [];
  const ratings: NonNullable<AssessmentInput["ratings"]> = [];
  for (const characteristic of framework.characteristics) {
    const reached = Math.floor(random() * 5);
    for (const criterion of characteristic.criteria) {
      const rung = CRITERIA_LEVELS.indexOf(criterion.level) + 1;
      const roll = random();
      let judgement: Judgement;
      if (rung <= reached) judgement = roll < 0.95 ? "met" : roll < 0.98 ? "not_applicable" : "partially_met";
      else judgement = roll < 0.15 ? "met" : roll < 0.5 ? "partially_met" : roll < 0.95 ? "not_met" : "not_applicable";
      judgements.push({ criterionKey: criterion.key, judgement });
    }
    if (characteristic.rateable && random() < 0.05) {
      ratings.push({
        characteristicKey: characteristic.key,
        level: (["basic", "average", "more_advanced"] as const)[Math.floor(random() * 3)],
        justification: "Expert group review of the evidence",
      });
    }
  }
  // Shuffle so the engine cannot rely on framework order.
  for (let i = judgements.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [judgements[i], judgements[j]] = [judgements[j], judgements[i]];
  }
  return { frameworkKey: framework.key, frameworkVersion: framework.version, judgements, ratings };
}

/**
 * Two measurements over 100,000 distinct assessments whose keys are fresh strings (round-tripped
 * through JSON, as when they come from the database or a request):
 * - per request: each input is built just before it is scored, as a handler does after reading it;
 *   only the scoreAssessment call is timed.
 * - batch: one tight loop over 100,000 inputs built in advance. The inputs (several hundred MB of
 *   small objects) no longer fit any cache, so this one is bound by memory and the garbage collector.
 */
function freshInput(): AssessmentInput {
  return JSON.parse(JSON.stringify(makeInput())) as AssessmentInput;
}

// Warm-up so the JIT has compiled the hot path before timing.
for (let i = 0; i < 20_000; i++) scoreAssessment(framework, freshInput());

let judgementCount = 0;
let requestMs = 0;
for (let i = 0; i < ASSESSMENTS; i++) {
  const input = freshInput();
  judgementCount += input.judgements.length;
  const t0 = performance.now();
  const result = scoreAssessment(framework, input);
  requestMs += performance.now() - t0;
  if (!result.ok) throw new Error(`Benchmark input ${i} rejected: ${result.errors[0].message}`);
}
const perSecond = ASSESSMENTS / (requestMs / 1000);

const inputs = Array.from({ length: ASSESSMENTS }, freshInput);
let rejected = 0;
const batchStarted = performance.now();
for (let i = 0; i < ASSESSMENTS; i++) {
  if (!scoreAssessment(framework, inputs[i]).ok) rejected++;
}
const batchMs = performance.now() - batchStarted;
if (rejected > 0) throw new Error(`${rejected} benchmark inputs were rejected`);

// The cohort is fed from scored results, as the app does; scored outside the timed regions.
const scores: AssessmentScore[] = [];
for (let i = 0; i < COHORT_CITIES; i++) {
  const result = scoreAssessment(framework, inputs[i]);
  if (result.ok) scores.push(result.value);
}
inputs.length = 0;

const countries = ["CN-BJ", "CN-SH", "CN-GD", "CN-ZJ", "CN-JS", "EU-ES", "EU-UK", "EU-DK", "EU-IT", "EU-FR", "EU-SE", "EU-EE", "EU-HR"];
const entries: CohortEntry[] = [];
for (let i = 0; i < COHORT_CITIES; i++) {
  entries.push({ group: countries[i % countries.length], levels: levelsFromScore(scores[i]) });
}
cohortBenchmark(framework, entries);
const cohortTimes: number[] = [];
let groupCount = 0;
for (let run = 0; run < COHORT_RUNS; run++) {
  const t0 = performance.now();
  groupCount = cohortBenchmark(framework, entries).groups.length;
  cohortTimes.push(performance.now() - t0);
}
cohortTimes.sort((a, b) => a - b);
const cohortMedian = cohortTimes[Math.floor(cohortTimes.length / 2)];

console.log(`framework            ${framework.key}@${framework.version}`);
console.log(`node                 ${process.version} (${process.platform}/${process.arch}), single thread`);
console.log(
  `assessments scored   ${ASSESSMENTS.toLocaleString("en")} distinct (${judgementCount.toLocaleString("en")} judgements, shuffled, fresh key strings)`,
);
console.log(
  `per request          ${requestMs.toFixed(1)} ms scoring = ${Math.round(perSecond).toLocaleString("en")} assessments/s  (target >= 100,000)  ${perSecond >= 100_000 ? "OK" : "BELOW TARGET"}`,
);
console.log(
  `batch, cold inputs   ${batchMs.toFixed(1)} ms = ${Math.round(ASSESSMENTS / (batchMs / 1000)).toLocaleString("en")} assessments/s (memory-bound, for reference)`,
);
console.log(`cohort               ${COHORT_CITIES.toLocaleString("en")} cities, ${groupCount} groups, ${COHORT_RUNS} runs`);
console.log(
  `cohort time          median ${cohortMedian.toFixed(2)} ms, best ${cohortTimes[0].toFixed(2)} ms, worst ${cohortTimes[cohortTimes.length - 1].toFixed(2)} ms  (target < 50 ms)  ${cohortMedian < 50 ? "OK" : "BELOW TARGET"}`,
);
