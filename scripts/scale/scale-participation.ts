import { randomUUID } from "node:crypto";
import type { Framework } from "@/server/scoring/framework-types";
import type { AuditChain } from "./scale-audit-chain";
import { type Actor, DAY, type Member, type Rows } from "./scale-dataset";
import type { Random } from "./scale-random";
import { SENTENCES, sentences } from "./scale-vocabulary";

/** Comment threads (with replies, moderation and flags) and consultations (with feedback and support) of one assessment. */

/** What the participation generators share with the city generator (scale-generator.ts). */
export type ParticipationContext = { random: Random; framework: Framework; experts: Actor[]; now: number };

/** Comment threads on the assessment, its characteristics and its evidence (or one hot thread). */
export function generateCommentThreads(
  ctx: ParticipationContext,
  rows: Rows,
  chain: AuditChain,
  p: {
    cityId: string;
    assessmentId: string;
    isPublished: boolean;
    total: number;
    start: number;
    end: number;
    evidenceIds: string[];
    staff: Member[];
    citizens: Member[];
    actor: (m: Member) => Actor;
    singleThread?: { targetType: "characteristic"; targetKey: string };
  },
) {
  const { random } = ctx;
  let left = p.total;
  while (left > 0) {
    const size = p.singleThread ? left : Math.min(left, random.int(3, 40));
    left -= size;
    let targetType: "assessment" | "characteristic" | "evidence";
    let targetKey: string;
    let evidenceId: string | null = null;
    if (p.singleThread) {
      targetType = p.singleThread.targetType;
      targetKey = p.singleThread.targetKey;
    } else {
      targetType = random.weighted([
        ["assessment", 25],
        ["characteristic", 50],
        ["evidence", p.evidenceIds.length ? 25 : 0],
      ] as const);
      targetKey =
        targetType === "assessment"
          ? p.assessmentId
          : targetType === "characteristic"
            ? random.pick(ctx.framework.characteristics).key
            : "";
      if (targetType === "evidence") {
        evidenceId = random.pick(p.evidenceIds);
        targetKey = evidenceId;
      }
    }
    const visibility = p.singleThread
      ? "public"
      : targetType === "evidence"
        ? "internal"
        : random.chance(p.isPublished ? 0.7 : 0.4)
          ? "public"
          : "internal";
    const authors = visibility === "public" && p.citizens.length ? [...p.citizens, ...p.citizens, ...p.staff] : p.staff;
    const thread: { id: string; rootId: string; depth: number; at: number }[] = [];
    let at = p.start + Math.floor(random.next() * (p.end - p.start) * 0.8);
    const step = Math.max(60_000, Math.floor((p.end - at) / (size + 1)));
    for (let n = 0; n < size; n++) {
      at += random.int(1, step);
      const id = randomUUID();
      const replyTo = n === 0 || random.chance(0.4) ? null : random.pick(thread.filter((t) => t.depth < 3).slice(-30));
      const rootId = replyTo ? replyTo.rootId : id;
      const depth = replyTo ? replyTo.depth + 1 : 0;
      thread.push({ id, rootId, depth, at });
      const author = random.pick(authors);
      const roll = random.next();
      const moderation = roll < 0.015 ? "auto_hidden" : roll < 0.025 ? "hidden" : "ok";
      const flagCount = moderation === "auto_hidden" ? 3 : moderation === "hidden" ? 2 : random.chance(0.02) ? 1 : 0;
      const moderator = moderation === "hidden" ? random.pick(ctx.experts) : null;
      const deleted = moderation === "ok" && random.chance(0.01) ? new Date(at + DAY) : null;
      const edited = moderation === "ok" && !deleted && random.chance(0.03) ? new Date(at + 60_000) : null;
      rows.comments.push([
        id,
        p.cityId,
        p.assessmentId,
        targetType,
        targetKey,
        evidenceId,
        visibility,
        replyTo?.id ?? null,
        rootId,
        depth,
        author.id,
        sentences(random, 1, 3),
        edited,
        deleted,
        moderation,
        moderator ? "off_topic" : null,
        moderator?.id ?? null,
        moderator ? new Date(at + 2 * DAY) : null,
        flagCount,
        new Date(at),
      ]);
      chain.add(at, p.actor(author), "comment.post", "comment", id, null, { depth, visibility });
      if (moderator)
        chain.add(
          at + 2 * DAY,
          moderator,
          "comment.hide",
          "comment",
          id,
          { moderationState: "ok" },
          { moderationState: "hidden" },
          "off_topic",
        );
      flagsFor(
        random,
        rows,
        "comment",
        id,
        p.cityId,
        flagCount,
        moderation,
        at,
        [...p.citizens, ...p.staff].filter((m) => m.id !== author.id),
      );
    }
  }
}

function flagsFor(
  random: Random,
  rows: Rows,
  targetType: "comment" | "feedback",
  targetId: string,
  cityId: string,
  count: number,
  moderation: string,
  at: number,
  flaggers: Member[],
) {
  if (count === 0) return;
  for (const who of random.sample(flaggers, count)) {
    const resolved = moderation === "hidden" ? new Date(at + 2 * DAY) : null;
    rows.flags.push([
      randomUUID(),
      cityId,
      targetType,
      targetId,
      who.id,
      random.pick(["spam", "offensive", "off_topic"]),
      null,
      resolved,
      resolved ? "hidden" : null,
      new Date(at + DAY),
    ]);
  }
}

export function generateConsultation(
  ctx: ParticipationContext,
  rows: Rows,
  chain: AuditChain,
  p: {
    cityId: string;
    assessmentId: string;
    isOpen: boolean;
    start: number;
    end: number;
    feedback: number;
    citizens: Member[];
    leadership: Member[];
    actor: (m: Member) => Actor;
  },
) {
  const { random } = ctx;
  const id = randomUUID();
  const keys = random.sample(
    ctx.framework.characteristics.map((c) => c.key),
    random.int(2, 4),
  );
  const created = p.start + 20 * DAY;
  const closes = p.isOpen ? ctx.now + 30 * DAY : p.end - 10 * DAY;
  const author = random.pick(p.leadership);
  rows.consultations.push([
    id,
    p.cityId,
    p.assessmentId,
    "How well does the city involve residents in its smart city plans?",
    "Tell us what works and what should improve.",
    keys,
    new Date(closes),
    p.isOpen ? null : new Date(closes),
    author.id,
    new Date(created),
  ]);
  chain.add(created, p.actor(author), "consultation.open", "consultation", id, null, { characteristicKeys: keys });
  const lastAt = Math.min(closes, ctx.now - DAY);
  for (let n = 0; n < p.feedback; n++) {
    const fid = randomUUID();
    const author = random.pick(p.citizens);
    const at = created + Math.floor(random.next() * Math.max(DAY, lastAt - created));
    const supporters = random.sample(
      p.citizens.filter((c) => c.id !== author.id),
      random.weighted([
        [0, 40],
        [1, 25],
        [2, 15],
        [3, 12],
        [4, 8],
      ] as const),
    );
    const roll = random.next();
    const moderation = roll < 0.01 ? "auto_hidden" : roll < 0.02 ? "hidden" : "ok";
    const flagCount = moderation === "auto_hidden" ? 3 : moderation === "hidden" ? 2 : 0;
    const moderator = moderation === "hidden" ? random.pick(ctx.experts) : null;
    rows.feedback.push([
      fid,
      p.cityId,
      id,
      random.pick(keys),
      author.id,
      sentences(random, 1, 3),
      random.chance(0.8) ? random.int(1, 5) : null,
      random.chance(0.4) ? random.pick(SENTENCES) : null,
      supporters.length,
      flagCount,
      moderation,
      moderator ? "spam" : null,
      moderator?.id ?? null,
      moderator ? new Date(at + DAY) : null,
      new Date(at),
    ]);
    chain.add(at, p.actor(author), "feedback.submit", "feedback", fid, null, { consultationId: id });
    for (const s of supporters) {
      const sAt = at + random.int(1, 48) * 3_600_000;
      rows.feedbackSupports.push([p.cityId, fid, s.id, new Date(sAt)]);
      chain.add(sAt, p.actor(s), "feedback.support", "feedback", fid);
    }
    flagsFor(
      random,
      rows,
      "feedback",
      fid,
      p.cityId,
      flagCount,
      moderation,
      at,
      p.citizens.filter((c) => c.id !== author.id),
    );
  }
}
