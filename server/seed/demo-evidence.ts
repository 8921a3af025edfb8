import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assessments } from "@/db/schema/assessments";
import { cities, users } from "@/db/schema/identity";
import { openAssessment } from "@/server/assessments/assessments";
import type { EvidenceContent } from "@/server/evidence/evidence-schemas";
import { submitEvidence } from "@/server/evidence/evidence-submissions";
import { reviewEvidence } from "@/server/review/evidence-review";
import type { CharacteristicKey } from "@/shared/domain-values";

export const DEMO_EVIDENCE_CYCLE = "2026";
/** demo.ts's DEMO_CITY_EU; not imported, as demo.ts imports this module. */
const DEMO_CITY_SLUG = "barcelona";

async function demoUserId(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!row) throw new Error(`demo user ${email} missing`);
  return row.id;
}

type DemoItem = {
  by: "department" | "partner";
  characteristicKey: CharacteristicKey;
  content: EvidenceContent;
  review?: { decision: "accepted" | "rejected" | "changes_requested"; note?: string };
};

const DEMO_ITEMS: DemoItem[] = [
  {
    by: "department",
    characteristicKey: "smart_city_strategy",
    content: {
      kind: "link",
      title: "Barcelona Digital City Plan",
      criterionKeys: ["smart_city_strategy.basic.1"],
      payload: {
        url: "https://ajuntament.barcelona.cat/digital/en",
        description: "The city's published digital plan: vision, programmes and their link to the municipal action plan.",
      },
    },
  },
  {
    by: "department",
    characteristicKey: "ict_infrastructure",
    content: {
      kind: "kpi",
      title: "Public Wi-Fi hotspots",
      criterionKeys: ["ict_infrastructure.basic.1"],
      payload: {
        indicatorName: "Public Wi-Fi access points",
        value: 1800,
        unit: "access points",
        measuredOn: "2025-09-30",
        target: 2200,
        standard: "itu_u4ssc",
        standardReference: undefined,
      },
    },
    review: { decision: "accepted", note: "Matches the municipal open data set." },
  },
  {
    by: "department",
    characteristicKey: "smart_city_strategy",
    content: {
      kind: "narrative",
      title: "How the smart city vision fits the city vision",
      criterionKeys: [],
      payload: {
        questionKey: "smart_city_strategy.q1",
        answer:
          "The smart city vision is part of the municipal action plan: technology serves housing, mobility and climate goals, and every programme reports to the same steering committee.",
      },
    },
    review: { decision: "changes_requested", note: "Please name the KPIs used to follow the vision and where they are published." },
  },
  {
    by: "partner",
    characteristicKey: "funding",
    content: {
      kind: "ppp",
      title: "Smart street lighting concession",
      criterionKeys: ["funding.basic.1"],
      payload: {
        partnerOrganisation: "Smart Infra Partners",
        model: "build_operate",
        modelDetail: undefined,
        publicFunding: 4_000_000,
        privateFunding: 11_500_000,
        currency: "EUR",
        termYears: 12,
        riskAllocation:
          "The partner carries construction, maintenance and energy-price risk; the city carries demand risk and sets service levels.",
        servicesCovered: "LED street lighting, environmental sensors on lamp posts",
      },
    },
  },
  {
    by: "partner",
    characteristicKey: "business_models",
    content: {
      kind: "link",
      title: "Sensor data platform pricing (pay-as-you-go)",
      criterionKeys: [],
      payload: {
        url: "https://example.org/smart-infra/pricing",
        description: "Public price list of the city sensor platform offered as a cloud service.",
      },
    },
    review: { decision: "rejected", note: "A vendor price list does not show the city's business model; describe the agreement instead." },
  },
];

/**
 * A draft "2026" assessment for Barcelona with evidence in every state, so the contributor
 * workspace and the expert queue have something to show on first start. Skipped when Barcelona
 * already has an open assessment.
 */
export async function seedDemoEvidence(db: Db): Promise<void> {
  const [city] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, DEMO_CITY_SLUG)).limit(1);
  if (!city) return;
  const [open] = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.cityId, city.id), ne(assessments.status, "published")))
    .limit(1);
  if (open) return;
  const [leadershipId, departmentId, partnerId, expertId] = await Promise.all(
    ["leadership.barcelona@demo.city", "department.barcelona@demo.city", "partner.barcelona@demo.city", "expert@demo.city"].map((email) =>
      demoUserId(db, email),
    ),
  );
  const assessment = await openAssessment(db, { userId: leadershipId, role: "leadership" }, city.id, { cycle: DEMO_EVIDENCE_CYCLE });
  for (const item of DEMO_ITEMS) {
    const author =
      item.by === "department" ? { userId: departmentId, role: "department" as const } : { userId: partnerId, role: "partner" as const };
    const created = await submitEvidence(db, author, assessment, { characteristicKey: item.characteristicKey, ...item.content });
    if (item.review) {
      await reviewEvidence(db, { userId: expertId, role: "expert" }, assessment, created, { revision: 1, ...item.review });
    }
  }
}
