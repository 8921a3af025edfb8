import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { storedFiles } from "@/db/schema/evidence";
import { characteristicOf, flattenQuestions } from "@/server/assessments/assessment-framework";
import type { Role } from "@/server/auth/permissions";
import { DomainError } from "@/server/errors/domain-error";
import type { Framework } from "@/server/scoring/framework-types";
import { isPartnerCharacteristic } from "@/shared/domain-values";
import type { EvidenceContent } from "./evidence-schemas";

/**
 * The checks zod cannot make alone: the criteria and guiding question must belong to the
 * characteristic in the assessment's framework edition, partners stay within their characteristics,
 * and a document must point at a file this user uploaded for this city. Every problem is reported at
 * once, on its field. Returns the content with criteria deduplicated in framework order.
 */
export async function checkEvidenceContent(
  db: DbOrTx,
  context: { framework: Framework; characteristicKey: string; cityId: string; userId: string; role: Role },
  content: EvidenceContent,
): Promise<EvidenceContent> {
  const characteristic = characteristicOf(context.framework, context.characteristicKey);
  if (!characteristic) {
    throw new DomainError("BAD_REQUEST", "Unknown characteristic.", {
      fieldErrors: { characteristicKey: ["Choose one of the nine characteristics."] },
    });
  }
  if (context.role === "partner" && !isPartnerCharacteristic(characteristic.key)) {
    throw new DomainError(
      "FORBIDDEN",
      "Industry partners contribute evidence on Funding, Business models, ICT infrastructure and Smart city services.",
      {
        fieldErrors: {
          characteristicKey: ["Partners contribute to Funding, Business models, ICT infrastructure and Smart city services."],
        },
      },
    );
  }

  const fieldErrors: Record<string, string[]> = {};
  const wanted = new Set(content.criterionKeys);
  const known = new Set(characteristic.criteria.map((c) => c.key));
  const unknown = [...wanted].filter((key) => !known.has(key));
  if (unknown.length) {
    fieldErrors.criterionKeys = [`Not a criterion of ${characteristic.name.en}: ${unknown.join(", ")}`];
  }
  const criterionKeys = characteristic.criteria.map((c) => c.key).filter((key) => wanted.has(key));

  if (content.kind === "narrative") {
    const questionKeys = new Set(flattenQuestions(characteristic.questions).map((q) => q.key));
    if (!questionKeys.has(content.payload.questionKey)) {
      fieldErrors["payload.questionKey"] = [`Choose one of the guiding questions of ${characteristic.name.en}.`];
    }
  }

  if (content.kind === "document") {
    const [file] = await db
      .select({ id: storedFiles.id })
      .from(storedFiles)
      .where(
        and(eq(storedFiles.id, content.payload.fileId), eq(storedFiles.cityId, context.cityId), eq(storedFiles.uploadedBy, context.userId)),
      )
      .limit(1);
    if (!file) fieldErrors["payload.fileId"] = ["This upload was not found. Upload the file again."];
  }

  if (Object.keys(fieldErrors).length) {
    throw new DomainError("BAD_REQUEST", Object.values(fieldErrors).flat().join(" "), { fieldErrors });
  }
  return { ...content, criterionKeys };
}
