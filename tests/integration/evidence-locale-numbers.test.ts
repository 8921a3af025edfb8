import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { evidenceRevisions } from "@/db/schema/evidence";
import { createCaller } from "@/server/api/root-router";
import { localizeValidationMessage } from "@/server/validation/validation-locale";
import { fieldErrorsOf, SAMPLE_CONTENT } from "../helpers/evidence-fixtures";
import { type CityCast, makeCastWithAssessment } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;
let cast: CityCast;
let assessmentId: string;
beforeAll(async () => {
  h = await createTestDb();
  const made = await makeCastWithAssessment(h.db);
  cast = made.cast;
  assessmentId = made.assessment.id;
});
afterAll(() => h.close());

const as = (who: "department" | "partner", locale: "en" | "zh") =>
  createCaller({ db: h.db, userId: cast.users[who].id, clientIp: "127.0.0.1", locale });

async function storedPayload(evidenceId: string) {
  const [row] = await h.db
    .select({ payload: evidenceRevisions.payload })
    .from(evidenceRevisions)
    .where(and(eq(evidenceRevisions.evidenceId, evidenceId), eq(evidenceRevisions.revision, 1)));
  return row.payload as Record<string, unknown>;
}

describe("numbers in evidence forms are read in the reader's notation", () => {
  it("stores a KPI typed as 1,250 with a target of 1 250,5 as 1250 and 1250.5", async () => {
    const created = await as("department", "en").evidence.submit({
      assessmentId,
      characteristicKey: "funding",
      ...SAMPLE_CONTENT.kpi,
      payload: { ...SAMPLE_CONTENT.kpi.payload, value: "1,250", target: "1 250,5" },
    } as never);
    expect(await storedPayload(created.id)).toMatchObject({ value: 1250, target: 1250.5 });
  });

  it("stores PPP amounts typed with full-width digits by a Chinese reader", async () => {
    const created = await as("partner", "zh").evidence.submit({
      assessmentId,
      characteristicKey: "funding",
      ...SAMPLE_CONTENT.ppp,
      payload: { ...SAMPLE_CONTENT.ppp.payload, publicFunding: "２，０００，０００", privateFunding: "5 500 000" },
    } as never);
    expect(await storedPayload(created.id)).toMatchObject({ publicFunding: 2_000_000, privateFunding: 5_500_000 });
  });

  it("refuses a value that is not a number in the reader's language", async () => {
    const error = await as("department", "zh")
      .evidence.submit({
        assessmentId,
        characteristicKey: "funding",
        ...SAMPLE_CONTENT.kpi,
        payload: { ...SAMPLE_CONTENT.kpi.payload, value: "1,2,3" },
      } as never)
      .then(
        () => null,
        (e: { code: string }) => e,
      );
    expect(error?.code).toBe("BAD_REQUEST");
    // As the error formatter sends it to a Chinese reader.
    expect(fieldErrorsOf(error)["payload.value"].map((m) => localizeValidationMessage(m, "zh"))).toEqual(["数值必须是数字。"]);
  });
});
