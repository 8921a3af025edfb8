import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { comments, feedback, flags } from "@/db/schema/participation";
import type { FlagReason } from "@/shared/domain-values";
import { callerFor, makeAssessment, makeCity, makeConsultation, makeMember, makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { expectTrpcError } from "../helpers/trpc-errors";

let h: DatabaseHandle;
let expertId: string;
const queue = (input: Parameters<ReturnType<typeof callerFor>["moderation"]["queue"]>[0]) =>
  callerFor(h.db, expertId).moderation.queue(input);

/** Two cities; in each, flagged comments and one flagged feedback item, with different reasons. */
const ids: Record<string, string> = {};
let cityA: string;
let cityB: string;

beforeAll(async () => {
  h = await createTestDb();
  process.env.RATE_LIMIT_DISABLED = "1";
  expertId = (await makeUser(h.db, { globalRole: "expert" })).id;
  const flaggers = await Promise.all([makeUser(h.db), makeUser(h.db), makeUser(h.db)]);
  for (const [label, cityName] of [
    ["a", "Filterburg"],
    ["b", "Searchton"],
  ] as const) {
    const city = await makeCity(h.db, { name: `${cityName} ${Math.random().toString(36).slice(2, 6)}` });
    if (label === "a") cityA = city.id;
    else cityB = city.id;
    const author = await makeMember(h.db, city.id, "citizen");
    const published = await makeAssessment(h.db, { cityId: city.id, status: "published" });
    const draft = await makeAssessment(h.db, { cityId: city.id });
    const consultation = await makeConsultation(h.db, draft, author.id);
    const thread = {
      cityId: city.id,
      assessmentId: published.id,
      targetType: "assessment" as const,
      targetKey: published.id,
      visibility: "public" as const,
    };
    const add = async (key: string, body: string, reasons: FlagReason[]) => {
      const [c] = await h.db
        .insert(comments)
        .values({ ...thread, authorId: author.id, body })
        .returning();
      ids[`${label}.${key}`] = c.id;
      await h.db
        .insert(flags)
        .values(
          reasons.map((reason, i) => ({ cityId: city.id, targetType: "comment" as const, targetId: c.id, userId: flaggers[i].id, reason })),
        );
    };
    await add("spam", `Buy cheap watches now (${label})`, ["spam"]);
    await add("rude", `You are all idiots (${label})`, ["offensive", "spam"]);
    await add("offtopic", `My cat likes tuna (${label})`, ["off_topic"]);
    const [f] = await h.db
      .insert(feedback)
      .values({
        cityId: city.id,
        consultationId: consultation.id,
        characteristicKey: "stakeholders",
        authorId: author.id,
        body: `Feedback text (${label})`,
        suggestion: "Try the unusual word zanzibar",
      })
      .returning();
    ids[`${label}.feedback`] = f.id;
    await h.db
      .insert(flags)
      .values({ cityId: city.id, targetType: "feedback", targetId: f.id, userId: flaggers[0].id, reason: "off_topic" });
  }
});
afterAll(() => h.close());

const idsOf = (result: { items: { id: string }[] }) => result.items.map((i) => i.id).sort();
const expected = (...keys: string[]) => keys.map((k) => ids[k]).sort();

describe("moderation queue filters and search", () => {
  it("lists every flagged item without filters", async () => {
    expect(idsOf(await queue({ view: "all", limit: 100 }))).toEqual(
      expected("a.spam", "a.rude", "a.offtopic", "a.feedback", "b.spam", "b.rude", "b.offtopic", "b.feedback"),
    );
  });

  it("filters by city", async () => {
    expect(idsOf(await queue({ view: "all", cityId: cityB }))).toEqual(expected("b.spam", "b.rude", "b.offtopic", "b.feedback"));
  });

  it("filters by kind", async () => {
    expect(idsOf(await queue({ view: "all", kind: "feedback" }))).toEqual(expected("a.feedback", "b.feedback"));
    expect(idsOf(await queue({ view: "all", kind: "comment", cityId: cityA }))).toEqual(expected("a.spam", "a.rude", "a.offtopic"));
  });

  it("filters by reason: an item flagged for it at least once", async () => {
    expect(idsOf(await queue({ view: "all", reason: "spam" }))).toEqual(expected("a.spam", "a.rude", "b.spam", "b.rude"));
    expect(idsOf(await queue({ view: "all", reason: "off_topic", cityId: cityA }))).toEqual(expected("a.offtopic", "a.feedback"));
  });

  it("searches the text, the feedback suggestion and the author's name, case-insensitively, with LIKE characters taken literally", async () => {
    expect(idsOf(await queue({ view: "all", search: "WATCHES" }))).toEqual(expected("a.spam", "b.spam"));
    expect(idsOf(await queue({ view: "all", search: "zanzibar" }))).toEqual(expected("a.feedback", "b.feedback"));
    expect(idsOf(await queue({ view: "all", search: "idiots (b)" }))).toEqual(expected("b.rude"));
    expect(idsOf(await queue({ view: "all", search: "100%" }))).toEqual([]);
    const [item] = (await queue({ view: "all", cityId: cityA, kind: "feedback" })).items;
    expect(idsOf(await queue({ view: "all", search: item.author.name, cityId: cityA }))).toEqual(
      expected("a.spam", "a.rude", "a.offtopic", "a.feedback"),
    );
  });

  it("keeps cursor paging with filters: pages are disjoint and add up to the filtered list", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await queue({ view: "all", reason: "spam", limit: 1, cursor });
      seen.push(...result.items.map((i) => i.id));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(expected("a.spam", "a.rude", "b.spam", "b.rude"));
  });

  it("refuses a search longer than 100 characters, and the queue to anyone but experts and admins", async () => {
    await expectTrpcError(queue({ view: "all", search: "x".repeat(101) }), "BAD_REQUEST");
    const citizen = await makeMember(h.db, cityA, "citizen");
    await expectTrpcError(callerFor(h.db, citizen.id).moderation.queue({ view: "all", cityId: cityA }), "FORBIDDEN");
  });
});

describe("blocked users", () => {
  it("names who blocked each user", async () => {
    const admin = await makeUser(h.db, { globalRole: "admin", name: "Bea Blocker" });
    const target = await makeMember(h.db, cityA, "citizen");
    await callerFor(h.db, admin.id).moderation.block({ userIds: [target.id], justification: "Repeated spam in the consultation." });
    const { items } = await callerFor(h.db, expertId).moderation.blockedUsers({});
    expect(items.find((u) => u.id === target.id)).toMatchObject({ blockedBy: "Bea Blocker", blockedById: admin.id });
  });
});
