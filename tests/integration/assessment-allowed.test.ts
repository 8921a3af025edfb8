import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { currentFramework } from "@/server/scoring/framework-registry";
import { SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { type CityCast, callerFor, makeCityCast } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

/**
 * Pages render what the viewer may do from the assessment read (`allowed`, `evidenceCharacteristics`)
 * instead of re-deriving the rules. These tests hold the read to what the server then enforces.
 */
let h: DatabaseHandle;
let cast: CityCast;
let assessmentId: string;
const READERS = ["partner", "department", "leadership", "expert", "admin"] as const;
const ALL_KEYS = currentFramework().characteristics.map((c) => c.key as string);

beforeAll(async () => {
  h = await createTestDb();
  cast = await makeCityCast(h.db);
  const opened = await callerFor(h.db, cast.users.leadership.id).assessments.open({ cityId: cast.city.id, cycle: "2026" });
  assessmentId = opened.id;
});
afterAll(async () => {
  await h.close();
});

const read = (who: (typeof READERS)[number]) => callerFor(h.db, cast.users[who].id).assessments.get({ assessmentId });

describe("what the assessment read says the viewer may do", () => {
  it("names the characteristics each role may add evidence on: all for departments, four for partners, none for others", async () => {
    const partner = await read("partner");
    expect(partner.evidenceCharacteristics).toEqual(
      ["funding", "business_models", "ict_infrastructure", "smart_city_services"].sort((a, b) => ALL_KEYS.indexOf(a) - ALL_KEYS.indexOf(b)),
    );
    expect((await read("department")).evidenceCharacteristics).toEqual(ALL_KEYS);
    for (const who of ["leadership", "expert", "admin"] as const) expect((await read(who)).evidenceCharacteristics).toEqual([]);
  });

  it("lists the actions of the viewer's role: experts review and judge, the city team does not", async () => {
    const expert = await read("expert");
    expect(expert.allowed).toEqual(expect.arrayContaining(["evidence:review", "judgement:write", "rating:write"]));
    expect(expert.allowed).not.toContain("evidence:submit");
    for (const who of ["partner", "department", "leadership", "admin"] as const) {
      const allowed = (await read(who)).allowed;
      expect(allowed).not.toContain("evidence:review");
      expect(allowed).not.toContain("judgement:write");
    }
    expect((await read("partner")).allowed).toContain("evidence:submit");
    expect((await read("leadership")).allowed).toEqual(expect.arrayContaining(["assessment:read", "assessment:approve"]));
    expect((await read("leadership")).allowed).not.toContain("evidence:submit");
  });

  it("matches what the server enforces: a submission succeeds exactly on the characteristics the read names", async () => {
    for (const who of READERS) {
      const caller = callerFor(h.db, cast.users[who].id);
      const { evidenceCharacteristics } = await caller.assessments.get({ assessmentId });
      for (const characteristicKey of ALL_KEYS) {
        const submitted = await caller.evidence
          .submit({ assessmentId, characteristicKey, ...SAMPLE_CONTENT.link } as Parameters<typeof caller.evidence.submit>[0])
          .then(() => true)
          .catch((error: { code?: string }) => {
            if (error.code === "FORBIDDEN") return false;
            throw error;
          });
        expect({ who, characteristicKey, submitted }).toEqual({
          who,
          characteristicKey,
          submitted: evidenceCharacteristics.includes(characteristicKey),
        });
      }
    }
  });
});
