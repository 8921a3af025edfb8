import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { characteristicRatings } from "@/db/schema/assessments";
import { auditEvents } from "@/db/schema/audit";
import { evidence } from "@/db/schema/evidence";
import { openEvidenceFile } from "@/server/evidence/evidence-files";
import { submitEvidence } from "@/server/evidence/evidence-submissions";
import { authorizeEvidenceUpload, storeEvidenceUpload } from "@/server/evidence/evidence-uploads";
import { reviewEvidence } from "@/server/review/evidence-review";
import { chunksOf, pdfBytes, SAMPLE_CONTENT, tempStorage } from "../helpers/evidence-fixtures";
import {
  type Assessment,
  CAST_IDENTITIES,
  type CastIdentity,
  type CityCast,
  callerFor,
  castUserId,
  makeCastWithAssessment,
  makeCityCast,
  makeMember,
} from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

type Outcome = "ok" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN";
type Expectation = Record<CastIdentity, Outcome>;

const PRIVATE = { anonymous: "UNAUTHORIZED", signedIn: "NOT_FOUND", outsider: "NOT_FOUND" } as const;
/** assessment:read, evidence:read_accepted: every contributor and up, not citizens. */
const READERS: Expectation = {
  ...PRIVATE,
  citizen: "FORBIDDEN",
  partner: "ok",
  department: "ok",
  leadership: "ok",
  expert: "ok",
  admin: "ok",
};
/** Evidence a department drafted: partners do not even learn it exists. */
const READ_ALL: Expectation = { ...READERS, partner: "NOT_FOUND" };
const CONTRIBUTORS: Expectation = {
  ...PRIVATE,
  citizen: "FORBIDDEN",
  partner: "ok",
  department: "ok",
  leadership: "FORBIDDEN",
  expert: "FORBIDDEN",
  admin: "FORBIDDEN",
};
const EXPERTS: Expectation = {
  ...PRIVATE,
  citizen: "FORBIDDEN",
  partner: "FORBIDDEN",
  department: "FORBIDDEN",
  leadership: "FORBIDDEN",
  expert: "ok",
  admin: "FORBIDDEN",
};
/** Cross-city expert lists: nobody else, whatever their city. */
const EXPERTS_ONLY_GLOBAL: Expectation = { ...EXPERTS, signedIn: "FORBIDDEN", outsider: "FORBIDDEN" };
const OPENERS: Expectation = {
  ...PRIVATE,
  citizen: "FORBIDDEN",
  partner: "FORBIDDEN",
  department: "FORBIDDEN",
  leadership: "ok",
  expert: "FORBIDDEN",
  admin: "ok",
};
const ANY_SIGNED_IN: Expectation = {
  anonymous: "UNAUTHORIZED",
  signedIn: "ok",
  outsider: "ok",
  citizen: "ok",
  partner: "ok",
  department: "ok",
  leadership: "ok",
  expert: "ok",
  admin: "ok",
};

let h: DatabaseHandle;
let cast: CityCast;
let assessment: Assessment;
const files = tempStorage();

beforeAll(async () => {
  h = await createTestDb();
  ({ cast, assessment } = await makeCastWithAssessment(h.db));
});
afterAll(async () => {
  await h.close();
  files.cleanup();
});

/** A fresh submitted item, by the caller when they are a contributor, else by the department. */
async function freshEvidence(author: CastIdentity = "department") {
  const role = author === "partner" ? "partner" : "department";
  return submitEvidence(h.db, { userId: cast.users[role].id, role }, assessment, {
    characteristicKey: "funding",
    ...SAMPLE_CONTENT.link,
    criterionKeys: [],
  });
}

async function accepted() {
  const item = await freshEvidence();
  await reviewEvidence(h.db, { userId: cast.users.expert.id, role: "expert" }, assessment, item, { revision: 1, decision: "accepted" });
  return item;
}

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return "ok";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "UNAUTHORIZED" || code === "NOT_FOUND" || code === "FORBIDDEN") return code;
    throw error;
  }
}

async function auditCount(action: string) {
  const [row] = await h.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.cityId, cast.city.id)));
  return row.n;
}

type Case = {
  name: string;
  expected: Expectation;
  /** Writes that succeed must leave exactly one audit event with this action. */
  audit?: string;
  run: (who: CastIdentity, caller: ReturnType<typeof callerFor>) => Promise<unknown>;
};

const CASES: Case[] = [
  {
    name: "assessments.get",
    expected: READERS,
    run: (_who, c) => c.assessments.get({ assessmentId: assessment.id }),
  },
  {
    name: "assessments.current",
    expected: READERS,
    run: (_who, c) => c.assessments.current({ cityId: cast.city.id }),
  },
  {
    name: "assessments.listForCity",
    expected: READERS,
    run: (_who, c) => c.assessments.listForCity({ cityId: cast.city.id }),
  },
  {
    name: "evidence.submit",
    expected: CONTRIBUTORS,
    audit: "evidence.submit",
    run: (_who, c) => c.evidence.submit({ assessmentId: assessment.id, characteristicKey: "funding", ...SAMPLE_CONTENT.kpi }),
  },
  {
    name: "evidence.revise (own evidence)",
    expected: { ...CONTRIBUTORS },
    audit: "evidence.revise",
    run: async (who, c) => {
      const item = await freshEvidence(who);
      return c.evidence.revise({ evidenceId: item.id, expectedRevision: 1, ...SAMPLE_CONTENT.link, title: "Edited" });
    },
  },
  {
    name: "evidence.revise (a department's evidence)",
    expected: { ...CONTRIBUTORS, partner: "NOT_FOUND", department: "ok" },
    run: async (who, c) => {
      const item = await freshEvidence("department");
      return c.evidence.revise({ evidenceId: item.id, expectedRevision: 1, ...SAMPLE_CONTENT.link, title: "Edited" });
    },
  },
  {
    name: "evidence.withdraw (own evidence)",
    expected: CONTRIBUTORS,
    audit: "evidence.withdraw",
    run: async (who, c) => {
      const item = await freshEvidence(who);
      return c.evidence.withdraw({ evidenceId: item.id });
    },
  },
  {
    name: "evidence.get (a department's draft)",
    expected: READ_ALL,
    run: async (_who, c) => c.evidence.get({ evidenceId: (await freshEvidence("department")).id }),
  },
  {
    name: "evidence.get (accepted evidence)",
    expected: READERS,
    run: async (_who, c) => c.evidence.get({ evidenceId: (await accepted()).id }),
  },
  {
    name: "evidence.listForAssessment",
    expected: READERS,
    run: (_who, c) => c.evidence.listForAssessment({ assessmentId: assessment.id }),
  },
  {
    name: "evidence.summary",
    expected: READERS,
    run: (_who, c) => c.evidence.summary({ assessmentId: assessment.id }),
  },
  {
    name: "evidence.mine",
    expected: ANY_SIGNED_IN,
    run: (_who, c) => c.evidence.mine({}),
  },
  {
    name: "review.queue",
    expected: EXPERTS_ONLY_GLOBAL,
    run: (_who, c) => c.review.queue({}),
  },
  {
    name: "review.assessmentsUnderWay",
    expected: EXPERTS_ONLY_GLOBAL,
    run: (_who, c) => c.review.assessmentsUnderWay(),
  },
  {
    name: "review.decide",
    expected: EXPERTS,
    audit: "evidence.review",
    run: async (_who, c) => c.review.decide({ evidenceId: (await freshEvidence()).id, revision: 1, decision: "accepted" }),
  },
  {
    name: "review.panel",
    expected: READERS,
    run: (_who, c) => c.review.panel({ assessmentId: assessment.id, characteristicKey: "funding" }),
  },
  {
    name: "review.saveJudgement",
    expected: EXPERTS,
    audit: "judgement.save",
    run: (_who, c) =>
      c.review.saveJudgement({ assessmentId: assessment.id, criterionKey: "funding.basic.1", judgement: "met", expectedVersion: null }),
  },
  {
    name: "review.saveRating",
    expected: EXPERTS,
    audit: "rating.save",
    run: (_who, c) =>
      c.review.saveRating({
        assessmentId: assessment.id,
        characteristicKey: "governance",
        level: "basic",
        justification: "Governance board exists but meets rarely.",
        expectedVersion: null,
      }),
  },
  {
    name: "review.clearRating",
    expected: EXPERTS,
    audit: "rating.clear",
    run: async (_who, c) => {
      await h.db
        .insert(characteristicRatings)
        .values({
          cityId: cast.city.id,
          assessmentId: assessment.id,
          characteristicKey: "funding",
          level: "average",
          justification: "Set up for the test.",
        })
        .onConflictDoNothing();
      return c.review.clearRating({ assessmentId: assessment.id, characteristicKey: "funding", expectedVersion: 1 });
    },
  },
  {
    name: "REST upload (authorizeEvidenceUpload + store)",
    expected: CONTRIBUTORS,
    audit: "evidence.file_upload",
    run: async (who) => {
      const authorized = await authorizeEvidenceUpload(h.db, castUserId(cast, who), assessment.id);
      return storeEvidenceUpload(h.db, files.storage, { userId: authorized.userId, role: authorized.role }, authorized.assessment, {
        filename: "plan.pdf",
        chunks: chunksOf(pdfBytes()),
        maxBytes: 1024 * 1024,
      });
    },
  },
];

describe("permission matrix: every procedure of the evidence and review slice × every identity", () => {
  for (const testCase of CASES) {
    for (const who of CAST_IDENTITIES) {
      const expected = testCase.expected[who];
      it(`${testCase.name} as ${who} → ${expected}`, async () => {
        const auditBefore = testCase.audit ? await auditCount(testCase.audit) : 0;
        const outcome = await outcomeOf(() => testCase.run(who, callerFor(h.db, castUserId(cast, who))));
        expect(outcome).toBe(expected);
        if (testCase.audit) {
          expect(await auditCount(testCase.audit)).toBe(auditBefore + (outcome === "ok" ? 1 : 0));
        }
      });
    }
  }

  for (const who of CAST_IDENTITIES) {
    const expected = OPENERS[who];
    it(`assessments.open as ${who} → ${expected}`, async () => {
      // A city of its own each time: a city has one open assessment at a time.
      const own = await makeCityCast(h.db);
      const outcome = await outcomeOf(() => callerFor(h.db, castUserId(own, who)).assessments.open({ cityId: own.city.id, cycle: "2026" }));
      expect(outcome).toBe(expected);
    });
  }
});

describe("evidence file downloads are authorised like the evidence", () => {
  let draftWithFile: string;
  let acceptedWithFile: string;

  beforeAll(async () => {
    const upload = () =>
      storeEvidenceUpload(h.db, files.storage, { userId: cast.users.department.id, role: "department" }, assessment, {
        filename: "budget.pdf",
        chunks: chunksOf(pdfBytes()),
        maxBytes: 1024 * 1024,
      });
    const submitDocument = async () =>
      submitEvidence(h.db, { userId: cast.users.department.id, role: "department" }, assessment, {
        characteristicKey: "funding",
        kind: "document",
        title: "Budget",
        criterionKeys: [],
        payload: { fileId: (await upload()).id },
      });
    draftWithFile = (await submitDocument()).id;
    const toAccept = await submitDocument();
    await reviewEvidence(h.db, { userId: cast.users.expert.id, role: "expert" }, assessment, toAccept, {
      revision: 1,
      decision: "accepted",
    });
    acceptedWithFile = toAccept.id;
  });

  for (const who of CAST_IDENTITIES) {
    it(`downloads a department's draft file as ${who} → ${READ_ALL[who]}`, async () => {
      const outcome = await outcomeOf(() => openEvidenceFile(h.db, files.storage, castUserId(cast, who), draftWithFile));
      expect(outcome).toBe(READ_ALL[who]);
    });
    it(`downloads an accepted file as ${who} → ${READERS[who]}`, async () => {
      const outcome = await outcomeOf(() => openEvidenceFile(h.db, files.storage, castUserId(cast, who), acceptedWithFile));
      expect(outcome).toBe(READERS[who]);
    });
  }
});

describe("what each role sees in the evidence lists", () => {
  it("shows partners their own evidence and accepted evidence, never another contributor's drafts", async () => {
    const otherPartner = await makeMember(h.db, cast.city.id, "partner");
    const theirs = await submitEvidence(h.db, { userId: otherPartner.id, role: "partner" }, assessment, {
      characteristicKey: "funding",
      ...SAMPLE_CONTENT.ppp,
    });
    const mine = await freshEvidence("partner");
    const departmentDraft = await freshEvidence("department");
    const acceptedItem = await accepted();

    const list = await callerFor(h.db, cast.users.partner.id).evidence.listForAssessment({ assessmentId: assessment.id, limit: 100 });
    const ids = new Set(list.items.map((i) => i.id));
    expect(ids.has(mine.id)).toBe(true);
    expect(ids.has(acceptedItem.id)).toBe(true);
    expect(ids.has(theirs.id)).toBe(false);
    expect(ids.has(departmentDraft.id)).toBe(false);
    expect(list.items.every((i) => i.authorId === cast.users.partner.id || i.status === "accepted")).toBe(true);
  });

  it("shows departments and leadership all evidence of their city", async () => {
    const partnerDraft = await freshEvidence("partner");
    for (const who of ["department", "leadership"] as const) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await callerFor(
          h.db,
          cast.users[who].id,
        ).evidence.listForAssessment({
          assessmentId: assessment.id,
          limit: 50,
          cursor,
        });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toContain(partnerDraft.id);
      const [{ n }] = await h.db
        .select({ n: count() })
        .from(evidence)
        .where(and(eq(evidence.assessmentId, assessment.id)));
      const [{ withdrawn }] = await h.db
        .select({ withdrawn: count() })
        .from(evidence)
        .where(and(eq(evidence.assessmentId, assessment.id), eq(evidence.status, "withdrawn")));
      expect(ids.length).toBe(n - withdrawn);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
