/**
 * The evidence forms and the evidence router validate with these same schemas (no server-only
 * imports here). Messages are written for the person filling in the form.
 */
import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { CHARACTERISTIC_KEYS, EVIDENCE_KINDS, EVIDENCE_STATUSES } from "@/shared/domain-values";
import { isIsoCurrency } from "./currencies";

export const KPI_STANDARDS = ["iso_37120", "itu_u4ssc", "green_city_index", "other"] as const;
export type KpiStandard = (typeof KPI_STANDARDS)[number];

export const PPP_MODELS = [
  "build_operate",
  "build_transfer_operate",
  "build_transfer",
  "revenue_share",
  "pay_as_you_go",
  "other",
] as const;
export type PppModel = (typeof PPP_MODELS)[number];

/** Form inputs arrive as strings; the API sends numbers. Empty means "not given". */
function toOptionalNumber(value: unknown): unknown {
  if (value === "" || value === null || value === undefined) return undefined;
  if (typeof value === "number" && Number.isNaN(value)) return undefined;
  if (typeof value === "string") {
    const cleaned = value.trim().replace(/[\s_]/g, "");
    return cleaned === "" ? undefined : Number(cleaned);
  }
  return value;
}

function requiredNumber(missing: string, notANumber: string) {
  return z.preprocess(
    toOptionalNumber,
    z.number({ error: (issue) => (issue.input === undefined ? missing : notANumber) }),
  );
}

function optionalNumber(notANumber: string) {
  return z.preprocess(toOptionalNumber, z.number({ error: notANumber }).optional());
}

function optionalText(max: number, tooLong: string) {
  return text()
    .trim()
    .max(max, { message: tooLong })
    .transform((v) => (v === "" ? undefined : v))
    .optional();
}

export const characteristicKeySchema = z.enum(CHARACTERISTIC_KEYS, { message: "Choose one of the nine characteristics." });
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS, { message: "Choose a kind of evidence." });

export const evidenceTitleSchema = text({ message: "Give the evidence a title." })
  .trim()
  .min(3, { message: "The title needs at least 3 characters." })
  .max(200, { message: "Keep the title under 200 characters." });

export const criterionKeysSchema = z
  .array(text().min(1).max(200), { message: "Choose the criteria this evidence supports." })
  .max(50, { message: "Link at most 50 criteria." })
  .default([]);

/** http(s) only: other schemes (javascript:, file:, ftp:) could run code or point inside the network. */
export const evidenceUrlSchema = text({ message: "Enter a URL." })
  .trim()
  .min(1, { message: "Enter a URL." })
  .max(2000, { message: "Keep the URL under 2000 characters." })
  .superRefine((value, ctx) => {
    if (!/^https?:\/\//i.test(value)) {
      ctx.addIssue({ code: "custom", message: "URL must start with http:// or https://" });
      return;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a complete URL, such as https://example.org/report." });
      return;
    }
    if (!url.hostname.includes(".") && url.hostname !== "localhost") {
      ctx.addIssue({ code: "custom", message: "Enter a complete URL, such as https://example.org/report." });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "The URL must not contain a user name or password." });
    }
  });

export const currencySchema = text({ message: "Choose a currency." })
  .trim()
  .min(1, { message: "Choose a currency." })
  .transform((v) => v.toUpperCase())
  .superRefine((code, ctx) => {
    if (!isIsoCurrency(code)) {
      ctx.addIssue({ code: "custom", message: `Unknown currency: ${code} (use an ISO 4217 code such as EUR, CNY, USD)` });
    }
  });

/** An ISO date (yyyy-mm-dd) that exists and is not in the future. */
export const measuredOnSchema = text({ message: "Enter the date the value was measured." })
  .trim()
  .min(1, { message: "Enter the date the value was measured." })
  .superRefine((value, ctx) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: "custom", message: "Enter a date as yyyy-mm-dd, e.g. 2025-12-31." });
    } else if (date.getTime() > Date.now() + 24 * 3600 * 1000) {
      ctx.addIssue({ code: "custom", message: "The measurement date cannot be in the future." });
    } else if (date.getUTCFullYear() < 1950) {
      ctx.addIssue({ code: "custom", message: "The measurement date must be 1950 or later." });
    }
  });

export const documentPayloadSchema = z.object({
  fileId: z.uuid({ message: "Upload a file first." }),
  description: optionalText(2000, "Keep the description under 2000 characters."),
});

export const linkPayloadSchema = z.object({
  url: evidenceUrlSchema,
  description: text({ message: "Describe what the link shows." })
    .trim()
    .min(3, { message: "Describe what the link shows." })
    .max(2000, { message: "Keep the description under 2000 characters." }),
});

export const kpiPayloadSchema = z
  .object({
    indicatorName: text({ message: "Name the indicator." })
      .trim()
      .min(2, { message: "Name the indicator." })
      .max(200, { message: "Keep the indicator name under 200 characters." }),
    value: requiredNumber("Enter the measured value.", "The value must be a number."),
    unit: text({ message: "Give the unit, e.g. % or kWh per capita." })
      .trim()
      .min(1, { message: "Give the unit, e.g. % or kWh per capita." })
      .max(50, { message: "Keep the unit under 50 characters." }),
    measuredOn: measuredOnSchema,
    target: optionalNumber("The target must be a number."),
    standard: z.enum(KPI_STANDARDS, { message: "Choose the standard the indicator is benchmarked against." }),
    standardReference: optionalText(200, "Keep the reference under 200 characters."),
  })
  .superRefine((kpi, ctx) => {
    if (kpi.standard === "other" && !kpi.standardReference) {
      ctx.addIssue({ code: "custom", path: ["standardReference"], message: "Name the standard the indicator follows." });
    }
  });

export const pppPayloadSchema = z
  .object({
    partnerOrganisation: text({ message: "Name the partner organisation." })
      .trim()
      .min(2, { message: "Name the partner organisation." })
      .max(200, { message: "Keep the organisation name under 200 characters." }),
    model: z.enum(PPP_MODELS, { message: "Choose the partnership model." }),
    modelDetail: optionalText(500, "Keep the model description under 500 characters."),
    publicFunding: requiredNumber("Enter the public funding (0 if none).", "Public funding must be a number.").pipe(
      z.number().min(0, { message: "Public funding must be zero or more" }),
    ),
    privateFunding: requiredNumber("Enter the private funding (0 if none).", "Private funding must be a number.").pipe(
      z.number().min(0, { message: "Private funding must be zero or more" }),
    ),
    currency: currencySchema,
    termYears: requiredNumber("Enter the term in years.", "The term must be a number of years.").pipe(
      z
        .number()
        .int({ message: "The term must be a whole number of years." })
        .min(1, { message: "The term must be at least 1 year." })
        .max(99, { message: "The term must be 99 years or less." }),
    ),
    riskAllocation: text({ message: "Describe how risks are shared between the city and the partner." })
      .trim()
      .min(3, { message: "Describe how risks are shared between the city and the partner." })
      .max(4000, { message: "Keep the risk allocation under 4000 characters." }),
    servicesCovered: text({ message: "Name the service(s) the agreement covers." })
      .trim()
      .min(2, { message: "Name the service(s) the agreement covers." })
      .max(1000, { message: "Keep the services under 1000 characters." }),
  })
  .superRefine((ppp, ctx) => {
    if (ppp.model === "other" && !ppp.modelDetail) {
      ctx.addIssue({ code: "custom", path: ["modelDetail"], message: "Describe the partnership model." });
    }
  });

export const narrativePayloadSchema = z.object({
  questionKey: text({ message: "Choose the guiding question you answer." }).min(1, { message: "Choose the guiding question you answer." }).max(200),
  answer: text({ message: "Write your answer." })
    .trim()
    .min(20, { message: "Write at least 20 characters." })
    .max(20_000, { message: "Keep the answer under 20,000 characters." }),
});

const contentFields = { title: evidenceTitleSchema, criterionKeys: criterionKeysSchema };

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
  { message: "Choose a kind of evidence: document, link, KPI, PPP agreement or narrative." },
);
export type EvidenceContent = z.output<typeof evidenceContentSchema>;
export type EvidenceContentInput = z.input<typeof evidenceContentSchema>;

export type DocumentPayload = z.output<typeof documentPayloadSchema>;
export type LinkPayload = z.output<typeof linkPayloadSchema>;
export type KpiPayload = z.output<typeof kpiPayloadSchema>;
export type PppPayload = z.output<typeof pppPayloadSchema>;
export type NarrativePayload = z.output<typeof narrativePayloadSchema>;
export type EvidencePayload = DocumentPayload | LinkPayload | KpiPayload | PppPayload | NarrativePayload;

/** Added to the content on first submission. */
export const submitEvidenceTargetSchema = z.object({ characteristicKey: characteristicKeySchema });

/** A new revision names the revision it was written against, so a concurrent edit is not lost. */
export const reviseEvidenceTargetSchema = z.object({
  expectedRevision: z.number().int().min(1),
});

export const withdrawEvidenceSchema = z.object({
  reason: optionalText(500, "Keep the reason under 500 characters."),
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
