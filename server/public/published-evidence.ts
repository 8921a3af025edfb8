import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { evidence, evidenceRevisions, storedFiles } from "@/db/schema/evidence";
import type { CityDetail } from "./public-schemas";

type PublicEvidence = CityDetail["evidence"][number];

type PublishedEvidenceRow = {
  id: string;
  title: string;
  kind: string;
  characteristicKey: string;
  revision: number;
  publicContent: boolean;
  criterionKeys: string[] | null;
  payload: unknown;
  file: { filename: string; mimeType: string; sizeBytes: number; sha256: string } | null;
  linkedCriteria: string[] | null;
};

/** What the public city page needs of a published assessment's evidence (frozen once published). */
export type PublishedEvidence = {
  items: PublishedEvidenceRow[];
  links: CityDetail["criterionEvidence"];
};

/** The address of a published document's file, when its contributor allowed it (app/api/evidence/[evidenceId]/public-file). */
export function publicFilePath(evidenceId: string): string {
  return `/api/evidence/${evidenceId}/public-file`;
}

/**
 * The accepted evidence of a published assessment (current revision, its file's checksum) and, per
 * criterion, the accepted evidence the expert linked to the judgement: one query. Only accepted
 * evidence is read, and of the judgements only which evidence they cite (never the expert's notes).
 */
export async function loadPublishedEvidence(db: DbOrTx, assessmentId: string): Promise<PublishedEvidence> {
  const rows = await db
    .select({
      id: evidence.id,
      title: evidence.title,
      kind: evidence.kind,
      characteristicKey: evidence.characteristicKey,
      revision: evidence.currentRevision,
      publicContent: evidence.publicContent,
      criterionKeys: evidenceRevisions.criterionKeys,
      payload: evidenceRevisions.payload,
      file: {
        filename: storedFiles.filename,
        mimeType: storedFiles.mimeType,
        sizeBytes: storedFiles.sizeBytes,
        sha256: storedFiles.sha256,
      },
      linkedCriteria: sql<string[] | null>`(
        select array_agg(j.criterion_key order by j.criterion_key) from criterion_judgements j
        where j.assessment_id = ${evidence.assessmentId} and ${evidence.id} = any(j.evidence_ids)
      )`,
    })
    .from(evidence)
    .leftJoin(
      evidenceRevisions,
      and(eq(evidenceRevisions.evidenceId, evidence.id), eq(evidenceRevisions.revision, evidence.currentRevision)),
    )
    .leftJoin(storedFiles, eq(storedFiles.id, evidenceRevisions.fileId))
    .where(and(eq(evidence.assessmentId, assessmentId), eq(evidence.status, "accepted")))
    .orderBy(asc(evidence.characteristicKey), asc(evidence.title), asc(evidence.id))
    .limit(200);
  const items = rows.map((r) => ({ ...r, file: r.file?.sha256 ? r.file : null }));
  const byCriterion = new Map<string, string[]>();
  for (const item of items) {
    for (const key of item.linkedCriteria ?? []) byCriterion.set(key, [...(byCriterion.get(key) ?? []), item.id]);
  }
  const links = [...byCriterion]
    .map(([criterionKey, evidenceIds]) => ({ criterionKey, evidenceIds }))
    .sort((a, b) => a.criterionKey.localeCompare(b.criterionKey));
  return { items, links };
}

/** One accepted evidence as the public sees it: the content only where its contributor allowed it. */
export function publicEvidenceOf(row: PublishedEvidenceRow): PublicEvidence {
  const payload = row.payload && typeof row.payload === "object" ? (row.payload as Record<string, unknown>) : {};
  const shown = row.publicContent;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    characteristicKey: row.characteristicKey,
    criterionKeys: row.criterionKeys ?? [],
    revision: row.revision,
    publicContent: shown,
    url: shown && row.kind === "link" ? httpUrl(payload.url) : null,
    kpi: shown && row.kind === "kpi" ? kpiOf(payload) : null,
    file: row.file
      ? {
          sha256: row.file.sha256,
          sizeBytes: row.file.sizeBytes,
          mimeType: shown ? row.file.mimeType : null,
          filename: shown ? row.file.filename : null,
          url: shown && row.kind === "document" ? publicFilePath(row.id) : null,
        }
      : null,
  };
}

/** Only a plain http(s) address is shown. */
function httpUrl(value: unknown): string | null {
  return typeof value === "string" && /^https?:\/\//i.test(value) ? value : null;
}

function kpiOf(payload: Record<string, unknown>): PublicEvidence["kpi"] {
  const { indicatorName, value, unit, measuredOn, target } = payload;
  if (typeof indicatorName !== "string" || typeof value !== "number" || typeof unit !== "string") return null;
  return {
    indicatorName,
    value,
    unit,
    measuredOn: typeof measuredOn === "string" ? measuredOn : null,
    target: typeof target === "number" ? target : null,
  };
}
