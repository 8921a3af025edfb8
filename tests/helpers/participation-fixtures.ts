import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { evidence } from "@/db/schema/evidence";
import { consultations } from "@/db/schema/participation";
import { CURRENT_FRAMEWORK_KEY, CURRENT_FRAMEWORK_VERSION } from "@/server/scoring/framework-registry";

/** An assessment row in a given status (inserted directly: the workflow is another slice's subject). */
export async function makeAssessment(db: Db, cityId: string, status: "draft" | "in_review" | "rated" | "approved" | "published") {
  const [row] = await db
    .insert(assessments)
    .values({
      cityId,
      cycle: `cycle-${randomUUID().slice(0, 8)}`,
      frameworkKey: CURRENT_FRAMEWORK_KEY,
      frameworkVersion: CURRENT_FRAMEWORK_VERSION,
      status,
      publishedAt: status === "published" ? new Date() : null,
    })
    .returning();
  return row;
}

export async function makeEvidence(
  db: Db,
  a: { cityId: string; assessmentId: string },
  author: { id: string; role: string },
  status: "submitted" | "accepted" = "submitted",
) {
  const [row] = await db
    .insert(evidence)
    .values({
      cityId: a.cityId,
      assessmentId: a.assessmentId,
      characteristicKey: "funding",
      kind: "narrative",
      status,
      authorId: author.id,
      authorRole: author.role,
      title: `Evidence ${randomUUID().slice(0, 6)}`,
    })
    .returning();
  return row;
}

/** A consultation row; `closesAt` in the past makes a closed one. */
export async function makeConsultation(
  db: Db,
  a: { id: string; cityId: string },
  createdBy: string,
  options: { characteristicKeys?: string[]; closesAt?: Date; closedAt?: Date | null } = {},
) {
  const [row] = await db
    .insert(consultations)
    .values({
      cityId: a.cityId,
      assessmentId: a.id,
      question: "How well does the city involve you in designing services?",
      summary: "The city is assessing how it works with residents and partners. Tell us what you see.",
      characteristicKeys: options.characteristicKeys ?? ["stakeholders", "smart_city_services"],
      closesAt: options.closesAt ?? new Date(Date.now() + 7 * 86_400_000),
      closedAt: options.closedAt ?? null,
      createdBy,
    })
    .returning();
  return row;
}

export function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
