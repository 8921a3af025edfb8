import { frameworkOf } from "@/server/assessments/assessment-framework";
import type { ScaleManifest } from "./bench-server";
import { signIn, trpcMutationBody, trpcQueryPath, trpcResult } from "./http-client";

/**
 * The expert's saves as the judgement panel sends them, one at a time on an idle server: what one
 * expert waits for after pressing Save (bench/writes.ts). Each save names the version it read, as
 * the form does, so every one is a real update with its audit event.
 */

export type ExpertSaveResult = {
  name: string;
  assessmentId: string;
  latencies: number[];
  errors: number;
  /** Audit events the acknowledged saves must have written. */
  auditedEvents: number;
  startedAt: number;
};

type Panel = {
  assessment: { frameworkKey: string; frameworkVersion: string };
  judgements: { criterionKey: string; version: number }[];
  ratings: { characteristicKey: string; version: number }[];
};

const JUDGEMENT_VALUES = ["met", "partially_met", "not_met"] as const;

export async function expertSaves(base: string, manifest: ScaleManifest, count: number): Promise<ExpertSaveResult[]> {
  const cookie = await signIn(base, manifest.accounts.expert, manifest.password);
  const assessmentId = manifest.writers[0].assessmentId;
  const post = async (procedure: string, input: unknown) => {
    const res = await fetch(`${base}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: trpcMutationBody(input),
    });
    return trpcResult<Record<string, unknown>>(res);
  };
  const panelRes = await fetch(base + trpcQueryPath("review.panel", { assessmentId, characteristicKey: "governance" }), {
    headers: { cookie },
  });
  const panel = await trpcResult<Panel>(panelRes);
  if (!panel.ok) throw new Error(`review.panel: ${JSON.stringify(panel.error).slice(0, 300)}`);
  const framework = frameworkOf(panel.data.assessment);
  const characteristic = framework.characteristics.find((c) => c.rateable && c.criteria.length >= 4)!;
  const criteria = characteristic.criteria;
  const judgementVersions = new Map(panel.data.judgements.map((j) => [j.criterionKey, j.version as number | null]));
  let ratingVersion: number | null = panel.data.ratings.find((r) => r.characteristicKey === characteristic.key)?.version ?? null;

  const timed = async (name: string, n: number, save: (i: number) => Promise<{ ok: boolean; events: number }>) => {
    const result: ExpertSaveResult = { name, assessmentId, latencies: [], errors: 0, auditedEvents: 0, startedAt: Date.now() - 1000 };
    for (let i = 0; i < 5; i++) {
      const warm = await save(i);
      if (warm.ok) result.auditedEvents += warm.events;
    }
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const outcome = await save(i + 5);
      result.latencies.push(performance.now() - t0);
      if (outcome.ok) result.auditedEvents += outcome.events;
      else result.errors++;
    }
    result.latencies.sort((a, b) => a - b);
    return result;
  };

  const judgement = await timed("judgement save", count, async (i) => {
    const criterion = criteria[i % criteria.length];
    const res = await post("review.saveJudgement", {
      assessmentId,
      criterionKey: criterion.key,
      judgement: JUDGEMENT_VALUES[i % JUDGEMENT_VALUES.length],
      note: `Bench note ${i}`,
      evidenceIds: [],
      expectedVersion: judgementVersions.get(criterion.key) ?? null,
    });
    if (res.ok) judgementVersions.set(criterion.key, (res.data.judgement as { version: number }).version);
    return { ok: res.ok, events: 1 };
  });
  const rating = await timed("rating save", count, async (i) => {
    const res = await post("review.saveRating", {
      assessmentId,
      characteristicKey: characteristic.key,
      level: i % 2 ? "basic" : "average",
      justification: `Rated by bench/writes.ts, save ${i}: the evidence supports it.`,
      expectedVersion: ratingVersion,
    });
    if (res.ok) ratingVersion = (res.data.rating as { version: number }).version;
    return { ok: res.ok, events: 1 };
  });
  return [judgement, rating];
}
