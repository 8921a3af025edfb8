/**
 * The evidence forms and the evidence router validate with these same schemas (no server-only
 * imports here). Messages are written for the person filling in the form.
 */
import { z } from "zod";
import { localeNumber, optionalLocaleNumber } from "@/server/validation/locale-number";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { CHARACTERISTIC_KEYS, EVIDENCE_KINDS, EVIDENCE_STATUSES, type EvidenceKind } from "@/shared/domain-values";
import { isIsoCurrency } from "./currencies";

export const KPI_STANDARDS = ["iso_37120", "itu_u4ssc", "green_city_index", "other"] as const;

export const PPP_MODELS = ["build_operate", "build_transfer_operate", "build_transfer", "revenue_share", "pay_as_you_go", "other"] as const;

/** Numbers in the reader's notation ("1,250", "1 250,5", full-width digits): server/validation/locale-number.ts. */
const requiredNumber = localeNumber;
const optionalNumber = optionalLocaleNumber;

function optionalText(max: number, tooLong: string) {
  return text()
    .trim()
    .max(max, { message: tooLong })
    .transform((v) => (v === "" ? undefined : v))
    .optional();
}

export const characteristicKeySchema = z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.oneOfNine") });
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS, { message: validationMessage("validation.evidence.kind") });

export const evidenceTitleSchema = text({ message: validationMessage("validation.evidence.titleRequired") })
  .trim()
  .min(3, { message: validationMessage("validation.evidence.titleTooShort") })
  .max(200, { message: validationMessage("validation.evidence.titleTooLong") });

export const criterionKeysSchema = z
  .array(text().min(1).max(200), { message: validationMessage("validation.evidence.criteria") })
  .max(50, { message: validationMessage("validation.evidence.tooManyCriteria") })
  .default([]);

/** http(s) only: other schemes (javascript:, file:, ftp:) could run code or point inside the network. */
export const evidenceUrlSchema = text({ message: validationMessage("validation.evidence.urlRequired") })
  .trim()
  .min(1, { message: validationMessage("validation.evidence.urlRequired") })
  .max(2000, { message: validationMessage("validation.evidence.urlTooLong") })
  .superRefine((value, ctx) => {
    if (!/^https?:\/\//i.test(value)) {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.evidence.urlScheme") });
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.evidence.urlIncomplete") });
      return;
    }
    if (!url.hostname.includes(".") && url.hostname !== "localhost") {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.evidence.urlIncomplete") });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.evidence.urlCredentials") });
    }
  });

export const currencySchema = text({ message: validationMessage("validation.evidence.currencyRequired") })
  .trim()
  .min(1, { message: validationMessage("validation.evidence.currencyRequired") })
  .transform((v) => v.toUpperCase())
  .superRefine((code, ctx) => {
    if (!isIsoCurrency(code)) {
      ctx.addIssue({ code: "custom", message: `Unknown currency: ${code} (use an ISO 4217 code such as EUR, CNY, USD)` });
    }
  });

/** An ISO date (yyyy-mm-dd) that exists and is not in the future. */
export const measuredOnSchema = text({ message: validationMessage("validation.evidence.measuredOnRequired") })
  .trim()
  .min(1, { message: validationMessage("validation.evidence.measuredOnRequired") })
  .superRefine((value, ctx) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.date.format") });
    } else if (date.getTime() > Date.now() + 24 * 3600 * 1000) {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.evidence.measuredOnFuture") });
    } else if (date.getUTCFullYear() < 1950) {
      ctx.addIssue({ code: "custom", message: validationMessage("validation.evidence.measuredOnTooEarly") });
    }
  });

// Search indexes the free-text fields of these payloads through the SQL function
// `search_evidence_body` (migration 0017): a new text field is searchable only once a migration
// redefines that function to include it.
export const documentPayloadSchema = z.object({
  fileId: z.uuid({ message: validationMessage("validation.evidence.uploadFirst") }),
  description: optionalText(2000, validationMessage("validation.evidence.descriptionTooLong")),
});

export const linkPayloadSchema = z.object({
  url: evidenceUrlSchema,
  description: text({ message: validationMessage("validation.evidence.linkDescription") })
    .trim()
    .min(3, { message: validationMessage("validation.evidence.linkDescription") })
    .max(2000, { message: validationMessage("validation.evidence.descriptionTooLong") }),
});

export const kpiPayloadSchema = z
  .object({
    indicatorName: text({ message: validationMessage("validation.evidence.indicatorRequired") })
      .trim()
      .min(2, { message: validationMessage("validation.evidence.indicatorRequired") })
      .max(200, { message: validationMessage("validation.evidence.indicatorTooLong") }),
    value: requiredNumber(validationMessage("validation.evidence.valueRequired"), validationMessage("validation.evidence.valueNumber")),
    unit: text({ message: validationMessage("validation.evidence.unitRequired") })
      .trim()
      .min(1, { message: validationMessage("validation.evidence.unitRequired") })
      .max(50, { message: validationMessage("validation.evidence.unitTooLong") }),
    measuredOn: measuredOnSchema,
    target: optionalNumber(validationMessage("validation.evidence.targetNumber")),
    standard: z.enum(KPI_STANDARDS, { message: validationMessage("validation.evidence.standard") }),
    standardReference: optionalText(200, validationMessage("validation.evidence.referenceTooLong")),
    /** The city's KPI register entry this value measures: accepted evidence adds it as a measurement. */
    kpiId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ message: validationMessage("validation.invalidId") }).optional()),
  })
  .superRefine((kpi, ctx) => {
    if (kpi.standard === "other" && !kpi.standardReference) {
      ctx.addIssue({ code: "custom", path: ["standardReference"], message: validationMessage("validation.evidence.standardReference") });
    }
  });

export const pppPayloadSchema = z
  .object({
    partnerOrganisation: text({ message: validationMessage("validation.partnerOrganisationRequired") })
      .trim()
      .min(2, { message: validationMessage("validation.partnerOrganisationRequired") })
      .max(200, { message: validationMessage("validation.evidence.organisationTooLong") }),
    model: z.enum(PPP_MODELS, { message: validationMessage("validation.evidence.pppModel") }),
    modelDetail: optionalText(500, validationMessage("validation.evidence.modelDetailTooLong")),
    publicFunding: requiredNumber(
      validationMessage("validation.evidence.publicFundingRequired"),
      validationMessage("validation.evidence.publicFundingNumber"),
    ).pipe(z.number().min(0, { message: validationMessage("validation.evidence.publicFunding") })),
    privateFunding: requiredNumber(
      validationMessage("validation.evidence.privateFundingRequired"),
      validationMessage("validation.evidence.privateFundingNumber"),
    ).pipe(z.number().min(0, { message: validationMessage("validation.evidence.privateFunding") })),
    currency: currencySchema,
    termYears: requiredNumber(
      validationMessage("validation.evidence.termRequired"),
      validationMessage("validation.evidence.termNumber"),
    ).pipe(
      z
        .number()
        .int({ message: validationMessage("validation.evidence.termWhole") })
        .min(1, { message: validationMessage("validation.evidence.termTooShort") })
        .max(99, { message: validationMessage("validation.evidence.termTooLong") }),
    ),
    riskAllocation: text({ message: validationMessage("validation.evidence.riskAllocation") })
      .trim()
      .min(3, { message: validationMessage("validation.evidence.riskAllocation") })
      .max(4000, { message: validationMessage("validation.evidence.riskAllocationTooLong") }),
    servicesCovered: text({ message: validationMessage("validation.evidence.servicesCovered") })
      .trim()
      .min(2, { message: validationMessage("validation.evidence.servicesCovered") })
      .max(1000, { message: validationMessage("validation.evidence.servicesTooLong") }),
  })
  .superRefine((ppp, ctx) => {
    if (ppp.model === "other" && !ppp.modelDetail) {
      ctx.addIssue({ code: "custom", path: ["modelDetail"], message: validationMessage("validation.evidence.modelDetail") });
    }
  });

export const narrativePayloadSchema = z.object({
  questionKey: text({ message: validationMessage("validation.evidence.questionKey") })
    .min(1, { message: validationMessage("validation.evidence.questionKey") })
    .max(200),
  answer: text({ message: validationMessage("validation.evidence.answerRequired") })
    .trim()
    .min(20, { message: validationMessage("validation.evidence.answerTooShort") })
    .max(20_000, { message: validationMessage("validation.evidence.answerTooLong") }),
});

/**
 * The contributor's choice: may the public see the content (a document's file, a link's address, a
 * KPI's value) once the assessment is published? Left out, the kind's default applies.
 */
const publicContentSchema = z.boolean().optional();

/** Documents stay private unless the contributor says otherwise; links and KPIs are public by nature. */
export function defaultPublicContent(kind: EvidenceKind): boolean {
  return kind === "link" || kind === "kpi";
}

const contentFields = { title: evidenceTitleSchema, criterionKeys: criterionKeysSchema, publicContent: publicContentSchema };

export const documentEvidenceSchema = z.object({ kind: z.literal("document"), ...contentFields, payload: documentPayloadSchema });
export const linkEvidenceSchema = z.object({ kind: z.literal("link"), ...contentFields, payload: linkPayloadSchema });
export const kpiEvidenceSchema = z.object({ kind: z.literal("kpi"), ...contentFields, payload: kpiPayloadSchema });
export const pppEvidenceSchema = z.object({ kind: z.literal("ppp"), ...contentFields, payload: pppPayloadSchema });
export const narrativeEvidenceSchema = z.object({ kind: z.literal("narrative"), ...contentFields, payload: narrativePayloadSchema });

/** One schema per kind, for the per-kind forms. */
export const EVIDENCE_CONTENT_SCHEMAS = {
  document: documentEvidenceSchema,
  link: linkEvidenceSchema,
  kpi: kpiEvidenceSchema,
  ppp: pppEvidenceSchema,
  narrative: narrativeEvidenceSchema,
} as const;

/** Title, criteria and the kind's own fields: what every revision records. */
export const evidenceContentSchema = z.discriminatedUnion(
  "kind",
  [documentEvidenceSchema, linkEvidenceSchema, kpiEvidenceSchema, pppEvidenceSchema, narrativeEvidenceSchema],
  { message: validationMessage("validation.evidence.kindList") },
);
export type EvidenceContent = z.output<typeof evidenceContentSchema>;
export type EvidenceContentInput = z.input<typeof evidenceContentSchema>;

export type LinkPayload = z.output<typeof linkPayloadSchema>;
export type KpiPayload = z.output<typeof kpiPayloadSchema>;
export type PppPayload = z.output<typeof pppPayloadSchema>;
export type NarrativePayload = z.output<typeof narrativePayloadSchema>;

/** Added to the content on first submission. */
export const submitEvidenceTargetSchema = z.object({ characteristicKey: characteristicKeySchema });

/** A new revision names the revision it was written against, so a concurrent edit is not lost. */
export const reviseEvidenceTargetSchema = z.object({
  expectedRevision: z.number().int().min(1),
});

export const withdrawEvidenceSchema = z.object({
  reason: optionalText(500, validationMessage("validation.moderation.hideReasonTooLong")),
});

export const LIST_PAGE_SIZE = 20;

export const evidenceListFilterSchema = z.object({
  characteristicKey: characteristicKeySchema.optional(),
  status: z.enum(EVIDENCE_STATUSES).optional(),
  kind: evidenceKindSchema.optional(),
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(LIST_PAGE_SIZE),
});

export const myEvidenceFilterSchema = z.object({
  status: z.enum(EVIDENCE_STATUSES).optional(),
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(LIST_PAGE_SIZE),
});
