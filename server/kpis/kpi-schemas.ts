/**
 * The KPI register's zod schemas, shared by the router and the client forms (no server-only imports).
 * Messages are keys under `validation.kpi.*` (messages/<locale>/validation.json).
 */
import { z } from "zod";
import { localeNumber } from "@/server/validation/locale-number";
import { text } from "@/server/validation/text-schemas";
import { validationMessage } from "@/server/validation/validation-messages";
import { CHARACTERISTIC_KEYS } from "@/shared/domain-values";
import { KPI_DIRECTIONS, KPI_UNIT_FAMILIES, type KpiUnitFamily } from "@/shared/kpi-values";
import { findIndicator } from "./indicator-catalogue";
import { checkValueForFamily } from "./kpi-units";

const id = () => z.uuid({ message: validationMessage("validation.invalidId") });

export const MIN_KPI_YEAR = 1990;
export const MAX_KPI_YEAR = 2100;

const yearSchema = z.coerce
  .number({ message: validationMessage("validation.kpi.year") })
  .int({ message: validationMessage("validation.kpi.year") })
  .min(MIN_KPI_YEAR, { message: validationMessage("validation.kpi.year") })
  .max(MAX_KPI_YEAR, { message: validationMessage("validation.kpi.year") });

const valueSchema = localeNumber(validationMessage("validation.kpi.valueRequired"), validationMessage("validation.kpi.valueNumber"));

const shortText = (max: number) =>
  text()
    .trim()
    .max(max, { message: validationMessage("validation.kpi.tooLong", { max }) });

/** What a register entry says besides which indicator it measures. */
const registerFields = {
  baselineValue: valueSchema,
  baselineYear: yearSchema,
  targetValue: valueSchema,
  targetYear: yearSchema,
  ownerId: id(),
  characteristicKeys: z
    .array(z.enum(CHARACTERISTIC_KEYS, { message: validationMessage("validation.characteristic.unknown") }))
    .max(9)
    .default([]),
  objectives: z.array(shortText(300).min(1)).max(20).default([]),
  isPublic: z.boolean().default(false),
  frequencyMonths: z.coerce
    .number()
    .int({ message: validationMessage("validation.kpi.frequency") })
    .min(1, { message: validationMessage("validation.kpi.frequency") })
    .max(60, { message: validationMessage("validation.kpi.frequency") })
    .default(12),
};

const customFields = {
  customNameEn: shortText(200).optional(),
  customNameZh: shortText(200).optional(),
  customDefinitionEn: shortText(2000).optional(),
  customDefinitionZh: shortText(2000).optional(),
  unit: shortText(50).optional(),
  unitFamily: z.enum(KPI_UNIT_FAMILIES, { message: validationMessage("validation.kpi.unitFamily") }).optional(),
  direction: z.enum(KPI_DIRECTIONS, { message: validationMessage("validation.kpi.direction") }).optional(),
};

type RegisterShape = {
  baselineValue: number;
  baselineYear: number;
  targetValue: number;
  targetYear: number;
};

/** The checks a register entry needs whatever its indicator: years in order, values fit the unit family. */
function refineRegister(entry: RegisterShape, family: KpiUnitFamily | undefined, ctx: z.RefinementCtx): void {
  if (entry.targetYear <= entry.baselineYear) {
    ctx.addIssue({ code: "custom", path: ["targetYear"], message: validationMessage("validation.kpi.targetAfterBaseline") });
  }
  if (!family) return;
  for (const field of ["baselineValue", "targetValue"] as const) {
    const check = checkValueForFamily(entry[field], family);
    if (!check.ok) ctx.addIssue({ code: "custom", path: [field], message: validationMessage(`validation.kpi.${check.reason}`) });
  }
}

export const kpiDefinitionSchema = z
  .object({
    indicatorKey: shortText(100).optional(),
    /** A custom indicator may name the catalogue key it measures too, to join cross-city benchmarks. */
    isCustom: z.boolean().default(false),
    ...customFields,
    ...registerFields,
  })
  .superRefine((entry, ctx) => {
    const catalogue = entry.indicatorKey ? findIndicator(entry.indicatorKey) : undefined;
    if (entry.indicatorKey && !catalogue) {
      ctx.addIssue({ code: "custom", path: ["indicatorKey"], message: validationMessage("validation.kpi.unknownIndicator") });
    }
    if (!entry.isCustom) {
      if (!entry.indicatorKey) {
        ctx.addIssue({ code: "custom", path: ["indicatorKey"], message: validationMessage("validation.kpi.indicatorRequired") });
      }
      refineRegister(entry, catalogue?.unitFamily, ctx);
      return;
    }
    if (!entry.customNameEn || entry.customNameEn.length < 2) {
      ctx.addIssue({ code: "custom", path: ["customNameEn"], message: validationMessage("validation.kpi.nameRequired") });
    }
    if (!entry.unit) ctx.addIssue({ code: "custom", path: ["unit"], message: validationMessage("validation.kpi.unitRequired") });
    if (!entry.unitFamily) ctx.addIssue({ code: "custom", path: ["unitFamily"], message: validationMessage("validation.kpi.unitFamily") });
    if (!entry.direction) ctx.addIssue({ code: "custom", path: ["direction"], message: validationMessage("validation.kpi.direction") });
    if (catalogue && entry.unitFamily && catalogue.unitFamily !== entry.unitFamily) {
      ctx.addIssue({ code: "custom", path: ["unitFamily"], message: validationMessage("validation.kpi.mappingFamily") });
    }
    refineRegister(entry, entry.unitFamily, ctx);
  });
export type KpiDefinitionInput = z.input<typeof kpiDefinitionSchema>;
export type KpiDefinition = z.output<typeof kpiDefinitionSchema>;

// The procedure builders add `cityId` or `kpiId` to these inputs.
export const createKpiSchema = z.object({ kpi: kpiDefinitionSchema });
export const updateKpiSchema = z.object({ version: z.number().int().min(1), kpi: kpiDefinitionSchema });
export const archiveKpiSchema = z.object({ version: z.number().int().min(1) });

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** "2024" (the year's value, dated 31 December) or "2024-06-30". */
export const measuredOnSchema = text()
  .trim()
  .regex(/^\d{4}(-\d{2}-\d{2})?$/, { message: validationMessage("validation.kpi.measuredOn") })
  .refine((v) => (v.length === 4 || isCalendarDate(v)) && Number(v.slice(0, 4)) >= MIN_KPI_YEAR && Number(v.slice(0, 4)) <= MAX_KPI_YEAR, {
    message: validationMessage("validation.kpi.measuredOn"),
  });

export const addMeasurementSchema = z.object({
  measuredOn: measuredOnSchema,
  value: valueSchema,
  /** Another unit of the KPI's family (converted); the KPI's own unit when left out. */
  unit: shortText(50).optional(),
  note: shortText(500).optional(),
});
export type AddMeasurementInput = z.input<typeof addMeasurementSchema>;

export const deleteMeasurementSchema = z.object({ measurementId: id() });

export const KPI_IMPORT_MODES = ["all_or_nothing", "valid_rows_only"] as const;
/** 10,000 rows of ~60 bytes each fit easily; a bigger file is split by the person importing it. */
export const MAX_KPI_CSV_BYTES = 5_000_000;
export const MAX_KPI_CSV_ROWS = 50_000;

export const importCsvSchema = z.object({
  filename: shortText(200).min(1),
  csv: z.string().max(MAX_KPI_CSV_BYTES, { message: validationMessage("validation.kpi.fileTooLarge") }),
  mode: z.enum(KPI_IMPORT_MODES).default("all_or_nothing"),
});
