import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities, users } from "@/db/schema/identity";
import { consultations } from "@/db/schema/participation";
import { postComment } from "@/server/comments/comment-threads";
import { findConsultation, openConsultation } from "@/server/consultations/consultations";
import { findFeedbackWithConsultation, submitFeedback, supportFeedback } from "@/server/consultations/feedback";
import type { CharacteristicKey } from "@/shared/domain-values";

const CITY_SLUG = "barcelona";

async function userId(db: Db, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row?.id ?? null;
}

/**
 * An open consultation on Barcelona's draft assessment (seeded by the evidence slice before this
 * hook), with a few answers, so the consultation, summary and moderation pages have content on
 * first start. Does nothing without a draft, or if the draft already has a consultation.
 */
export async function seedDemoParticipation(db: Db): Promise<void> {
  const [draft] = await db
    .select({ id: assessments.id, cityId: assessments.cityId, status: assessments.status })
    .from(assessments)
    .innerJoin(cities, eq(cities.id, assessments.cityId))
    .where(and(eq(cities.slug, CITY_SLUG), eq(assessments.status, "draft")))
    .limit(1);
  if (!draft) return;
  const [existing] = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.assessmentId, draft.id)).limit(1);
  if (existing) return;
  const [leadership, citizenPudong, partnerPudong, departmentPudong] = await Promise.all(
    ["leadership.barcelona@demo.city", "citizen.pudong@demo.city", "partner.pudong@demo.city", "department.pudong@demo.city"].map((e) =>
      userId(db, e),
    ),
  );
  if (!leadership || !citizenPudong || !partnerPudong || !departmentPudong) return;

  const closesOn = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const { id } = await openConsultation(db, { userId: leadership, role: "leadership" }, draft, {
    question: "How well does Barcelona involve you when it designs and runs its digital services?",
    summary:
      "Barcelona is assessing its smart-city maturity with the EU-China framework. Before the independent experts rate us, we want to hear from you: do you feel involved in how city services are designed, and which digital services would make your daily life easier? Your answers go to the mayor's leadership group and to the experts, and we will publish what we changed because of them.",
    characteristicKeys: ["stakeholders", "smart_city_services", "ict_infrastructure"],
    closesOn,
  });
  const consultation = (await findConsultation(db, id))!;
  const answers: { by: string; characteristicKey: CharacteristicKey; body: string; rating: number | null; suggestion: string | null }[] = [
    {
      by: citizenPudong,
      characteristicKey: "smart_city_services",
      body: "Renewing a parking permit still needs a visit to the district office. Most other paperwork is online and works well.",
      rating: 3,
      suggestion: "Online renewal of residents' parking permits",
    },
    {
      by: partnerPudong,
      characteristicKey: "stakeholders",
      body: "Neighbourhood associations hear about new projects only when the works start. Ask us earlier, see https://example.org/participation-guide for how other cities do it.",
      rating: 2,
      suggestion: "A public calendar of planned projects open for comment",
    },
    {
      by: departmentPudong,
      characteristicKey: "ict_infrastructure",
      body: "Public Wi-Fi in parks is reliable; in libraries it is often saturated in the afternoon.",
      rating: 4,
      suggestion: null,
    },
  ];
  const ids: string[] = [];
  for (const a of answers) {
    const created = await submitFeedback(db, { userId: a.by, role: "signed_in" }, consultation, {
      characteristicKey: a.characteristicKey,
      body: a.body,
      rating: a.rating,
      suggestion: a.suggestion,
    });
    ids.push(created.id);
  }
  // The project calendar already has one supporter.
  const target = await findFeedbackWithConsultation(db, ids[1]);
  if (target) await supportFeedback(db, { userId: citizenPudong, role: "signed_in" }, target);
  await postComment(db, partnerPudong, {
    assessmentId: draft.id,
    targetType: "assessment",
    targetKey: draft.id,
    visibility: "public",
    body: "Will the results of this consultation be published before the experts' rating?",
  });
}
