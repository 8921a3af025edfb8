import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { comments } from "@/db/schema/participation";
import { exportPersonalData } from "@/server/privacy/data-export";
import { searchTermsOf } from "@/server/search/search-terms";
import {
  type Assessment,
  type CityCast,
  callerFor,
  makeAssessment,
  makeCity,
  makeCityCast,
  makeConsultation,
  makeEvidence,
  makeMember,
  moveAssessmentTo,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { outcomeOf } from "../helpers/trpc-errors";

/*
 * Search runs its permission rules inside the SQL: private evidence of city A (a department's draft,
 * a partner's own draft), an internal discussion, moderated comments. Every identity searches; what
 * comes back (items, counts and snippets) must be what the evidence and comment rules allow.
 */

let h: DatabaseHandle;
let db: Db;
let cast: CityCast;
let draft: Assessment;
let published: Assessment;
const users: Record<string, string | null> = {};

const WORD = "zanzibarquokka";

beforeAll(async () => {
  h = await createTestDb();
  db = h.db;
  cast = await makeCityCast(db);
  published = await makeAssessment(db, { cityId: cast.city.id, status: "approved", cycle: "2023" });
  await makeEvidence(db, {
    cityId: cast.city.id,
    assessmentId: published.id,
    authorId: cast.users.department.id,
    status: "accepted",
    title: `${WORD} published accepted 智慧交通管理平台`,
    answer: "The quasarnarrative answer of the published evidence, for members only.",
  });
  await db.insert(comments).values([
    {
      cityId: cast.city.id,
      assessmentId: published.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "public",
      authorId: cast.users.citizen.id,
      body: `${WORD} public comment visible`,
    },
    {
      cityId: cast.city.id,
      assessmentId: published.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "public",
      authorId: cast.users.citizen.id,
      body: `${WORD} secretly hidden comment`,
      moderationState: "hidden",
    },
    {
      cityId: cast.city.id,
      assessmentId: published.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "public",
      authorId: cast.users.citizen.id,
      body: `${WORD} autohidden pending comment`,
      moderationState: "auto_hidden",
    },
  ]);
  await moveAssessmentTo(db, published.id, "published");

  draft = await makeAssessment(db, { cityId: cast.city.id, status: "draft", cycle: "2025" });
  const departmentDraft = await makeEvidence(db, {
    cityId: cast.city.id,
    assessmentId: draft.id,
    authorId: cast.users.department.id,
    title: `${WORD} private departmental draft`,
  });
  await makeEvidence(db, {
    cityId: cast.city.id,
    assessmentId: draft.id,
    authorId: cast.users.partner.id,
    authorRole: "partner",
    title: `${WORD} partner own draft`,
  });
  await db.insert(comments).values([
    {
      cityId: cast.city.id,
      assessmentId: draft.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "internal",
      authorId: cast.users.department.id,
      body: `${WORD} internal characteristic discussion`,
    },
    {
      cityId: cast.city.id,
      assessmentId: draft.id,
      targetType: "evidence",
      targetKey: departmentDraft.id,
      evidenceId: departmentDraft.id,
      visibility: "internal",
      authorId: cast.users.department.id,
      body: `${WORD} internal evidence discussion`,
    },
    {
      cityId: cast.city.id,
      assessmentId: draft.id,
      targetType: "characteristic",
      targetKey: "funding",
      visibility: "public",
      authorId: cast.users.department.id,
      body: `${WORD} unconsulted public draft thread`,
    },
  ]);
  const otherDraft = await makeAssessment(db, { cityId: cast.otherCity.id, status: "draft" });
  await makeConsultation(db, otherDraft, cast.users.outsider.id);

  Object.assign(users, {
    anonymous: null,
    signedIn: cast.users.signedIn.id,
    citizenA: cast.users.citizen.id,
    partnerA: cast.users.partner.id,
    departmentA: cast.users.department.id,
    leadershipA: cast.users.leadership.id,
    expert: cast.users.expert.id,
    admin: cast.users.admin.id,
    leadershipB: cast.users.outsider.id,
    citizenB: (await makeMember(db, cast.otherCity.id, "citizen")).id,
    partnerB: (await makeMember(db, cast.otherCity.id, "partner")).id,
    departmentB: (await makeMember(db, cast.otherCity.id, "department")).id,
  });
});

afterAll(async () => {
  await h?.close();
});

async function search(who: string, q = WORD, extra: { kinds?: ("evidence" | "comment")[] } = {}) {
  return callerFor(db, users[who]).search.query({ q, limit: 50, ...extra });
}

/** The distinctive part of each visible row's text. */
function markersOf(result: Awaited<ReturnType<typeof search>>): string[] {
  return result.items
    .filter((i) => i.kind === "evidence" || i.kind === "comment")
    .map((i) => i.snippet.replace(WORD, "").trim().split(" ").slice(0, 2).join(" "))
    .sort();
}

const PUBLIC = ["public comment", "published accepted"];
const MEMBER_ALL = [...PUBLIC, "internal characteristic", "internal evidence", "partner own", "private departmental"].sort();
const EXPECTED: Record<string, string[]> = {
  anonymous: PUBLIC,
  signedIn: PUBLIC,
  citizenA: PUBLIC,
  citizenB: PUBLIC,
  partnerB: PUBLIC,
  departmentB: PUBLIC,
  leadershipB: PUBLIC,
  // A partner sees accepted evidence and their own, and discussions only of evidence they see.
  partnerA: [...PUBLIC, "internal characteristic", "partner own"].sort(),
  departmentA: MEMBER_ALL,
  leadershipA: MEMBER_ALL,
  expert: MEMBER_ALL,
  admin: MEMBER_ALL,
};

describe("search: permission filtering in the query", () => {
  for (const [who, expected] of Object.entries(EXPECTED)) {
    it(`${who} sees exactly what they may`, async () => {
      const result = await search(who);
      expect(markersOf(result)).toEqual(expected);
      const evidenceCount = expected.filter((m) => ["published accepted", "partner own", "private departmental"].includes(m)).length;
      expect(result.counts.evidence).toBe(evidenceCount);
      expect(result.counts.comment).toBe(expected.length - evidenceCount);
      const everything = JSON.stringify(result);
      // Moderated comments and unconsulted draft threads never appear, for anyone.
      for (const hidden of ["secretly hidden", "autohidden pending", "unconsulted public"]) expect(everything).not.toContain(hidden);
      if (!expected.includes("private departmental")) expect(everything).not.toContain("private departmental");
      if (!expected.includes("internal evidence")) expect(everything).not.toContain("internal evidence");
    });
  }

  it("filters by kind and pages with a cursor without losing or repeating a row", async () => {
    const onlyEvidence = await search("departmentA", WORD, { kinds: ["evidence"] });
    expect(onlyEvidence.items.map((i) => i.kind)).toEqual(["evidence", "evidence", "evidence"]);
    const caller = callerFor(db, users.departmentA);
    const first = await caller.search.query({ q: WORD, limit: 4 });
    expect(first.nextCursor).toBe(4);
    const second = await caller.search.query({ q: WORD, limit: 4, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(MEMBER_ALL.length);
  });

  it("matches word prefixes and links members to the workspace, the public to the city page", async () => {
    const member = await search("departmentA", "zanzibarq private");
    expect(member.items.map((i) => i.href)).toEqual([expect.stringMatching(/^\/workspace\/evidence\//)]);
    const anonymous = await search("anonymous", "zanzibarq published");
    expect(anonymous.items.map((i) => i.href)).toEqual([`/cities/${cast.city.slug}`]);
  });

  it("finds Chinese text inside a longer run of characters (substring), cities, consultations and the framework", async () => {
    const zh = await search("anonymous", "交通管理");
    expect(zh.items.filter((i) => i.kind === "evidence").map((i) => i.snippet)).toEqual([expect.stringContaining("智慧交通管理平台")]);
    const city = await search("anonymous", cast.city.name);
    expect(city.items.some((i) => i.kind === "city" && i.citySlug === cast.city.slug)).toBe(true);
    const consultation = await search("anonymous", "designing services");
    expect(consultation.counts.consultation).toBeGreaterThanOrEqual(1);
    const framework = await search("anonymous", "strategy");
    expect(framework.counts.criterion).toBeGreaterThan(0);
    const frameworkZh = await search("anonymous", "战略");
    expect(frameworkZh.counts.criterion).toBeGreaterThan(0);
  });

  it("searches the whole evidence text for members, only the title for everyone else", async () => {
    // Accepted evidence of the published assessment: its answer is not on the public city page.
    const members = await search("departmentA", "quasarnarrative");
    expect(members.items.filter((i) => i.kind === "evidence").map((i) => i.snippet)).toEqual([
      expect.stringContaining("quasarnarrative answer of the published evidence"),
    ]);
    for (const who of ["anonymous", "citizenA", "departmentB", "partnerB"]) {
      const outside = await search(who, "quasarnarrative");
      expect(outside.counts.evidence).toBe(0);
      // The title is public; the answer never reaches a snippet of someone who may not read it.
      const byTitle = await search(who, "zanzibarq published");
      expect(byTitle.items.map((i) => i.snippet).join(" ")).not.toContain("quasarnarrative");
    }
  });

  it("finds a Chinese word only where the text has it (bigram phrase), a single character, a Chinese city name", async () => {
    expect((await search("anonymous", "交通")).counts.evidence).toBe(1);
    expect((await search("anonymous", "慧")).counts.evidence).toBe(1);
    expect((await search("anonymous", "平台")).counts.evidence).toBe(1);
    // Every bigram of 管理交通 occurs except 理交: not a substring, not a hit.
    expect((await search("anonymous", "管理交通")).counts.evidence).toBe(0);
    expect((await search("anonymous", "智慧 平台")).counts.evidence).toBe(1);
    const amsterdam = await makeCity(db, { name: "Amsterdam", country: "Netherlands" });
    const zhCity = await callerFor(db, null).search.query({ q: "阿姆斯特", kinds: ["city"] });
    expect(zhCity.items.map((i) => i.citySlug)).toEqual([amsterdam.slug]);
  });

  it("follows an edit: the index is the row's own generated column (the erasure scrub relies on it)", async () => {
    const [row] = await db
      .insert(comments)
      .values({
        cityId: cast.city.id,
        assessmentId: published.id,
        targetType: "characteristic",
        targetKey: "funding",
        visibility: "public",
        authorId: cast.users.citizen.id,
        body: "plutoniumword before the edit",
      })
      .returning();
    expect((await search("anonymous", "plutoniumword")).counts.comment).toBe(1);
    await db.update(comments).set({ body: "after the edit" }).where(eq(comments.id, row.id));
    expect((await search("anonymous", "plutoniumword")).counts.comment).toBe(0);
  });

  it("keeps the generated search column out of the personal data export", async () => {
    const exported = await exportPersonalData(db, cast.users.citizen.id);
    expect(exported.records.comments?.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported)).not.toContain("search_vector");
  });

  it("refuses an empty, blank or too long query with a 400", async () => {
    for (const q of ["", "   ", "x".repeat(201)]) {
      expect(await outcomeOf(callerFor(db, null).search.query({ q }))).toBe("BAD_REQUEST");
    }
  });

  it("builds the full-text query from letters and digits only", () => {
    expect(searchTermsOf("smart' | city:* 2024")).toEqual({
      words: ["smart", "city", "2024"],
      tsquery: "'smart':* & 'city':* & '2024':*",
      titleTsquery: "'smart':*A & 'city':*A & '2024':*A",
    });
    // Chinese: a phrase of character bigrams (matched against migration 0017's search_segment), one
    // character as a prefix; a mixed word splits into its Latin and Chinese pieces.
    expect(searchTermsOf("智慧交通 市 ISO标准").tsquery).toBe("('智慧' <-> '慧交' <-> '交通') & '市':* & 'iso':* & '标准'");
    expect(searchTermsOf("交通").titleTsquery).toBe("'交通':A");
  });
});
