import { z } from "zod";
import { text } from "@/server/validation/text-schemas";
import { CHARACTERISTIC_KEYS, FIGURE3_COLUMNS, MATURITY_LEVELS, REGIONS } from "@/shared/domain-values";

/**
 * The public read model: query and response shapes shared by the tRPC public router, the REST
 * routes under /api/v1 and the OpenAPI document (generated from these very schemas). No server-only
 * imports, so pages and client components may import it too. Field names here are a public
 * contract: add fields, never rename or remove them.
 */

export const ILLUSTRATIVE_NOTE =
  "Reference dataset: the per-city levels are illustrative. Only the regional distribution (Figure 3 of the EU-China smart city white paper, 2014) comes from the study; the paper does not publish levels per city.";

// ---------------------------------------------------------------- building blocks

export const regionSchema = z.enum(REGIONS).describe("EU, China or other.");
export const characteristicKeySchema = z.enum(CHARACTERISTIC_KEYS).describe("A characteristic of the framework.");
export const levelSchema = z
  .enum(FIGURE3_COLUMNS)
  .describe("A maturity level, or not_assessed when no level was given (never the same as zero).");
export const maturityLevelSchema = z.enum(MATURITY_LEVELS);
const isoDateTime = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time (UTC).");
const localizedSchema = z.object({ en: z.string(), zh: z.string() });

const slugSchema = text()
  .trim()
  .min(1, { message: "Give a city slug." })
  .max(160, { message: "A city slug has at most 160 characters." })
  .regex(/^[a-z0-9-]+$/, { message: "A city slug has only lower-case letters, digits and dashes." });

/** One value, a repeated parameter (`?city=a&city=b`) or a comma-separated list (`?city=a,b`). */
function listParam<T extends z.ZodType>(item: T, max: number, noun: string) {
  // The items arrive as strings; the item schema (an enum, a slug) narrows each one.
  // Cast kept: zod cannot state "this schema also accepts a string input" for a generic T; each caller passes an enum or string schema.
  const itemFromString = item as unknown as z.ZodType<z.output<T>, string>;
  return z
    .union([text(), z.array(text())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(itemFromString).max(max, { message: `At most ${max} ${noun}.` }));
}

const limitSchema = (max: number, fallback: number) =>
  z.coerce
    .number({ message: "limit must be a number." })
    .int({ message: "limit must be a whole number." })
    .min(1, { message: "limit must be at least 1." })
    .max(max, { message: `limit must be at most ${max}.` })
    .default(fallback);

const cursorSchema = text().max(500, { message: "The cursor is too long." }).optional().describe("The nextCursor of the previous page.");

const booleanParam = z.union([z.boolean(), z.enum(["true", "false", "1", "0"])]).transform((v) => v === true || v === "true" || v === "1");

export const levelsByCharacteristicSchema = z
  .record(characteristicKeySchema, levelSchema)
  .describe("Final level per characteristic, as the scoring core computes it from the criteria and expert ratings.");

export const publicCityRefSchema = z.object({
  slug: z.string(),
  name: z.string().describe("The city's name as stored (English for the pilot cities)."),
  country: z.string(),
  region: regionSchema,
  localizedName: z
    .string()
    .describe("The name in the requested language (?lang=zh: the official Chinese name of a pilot city); else `name`."),
  localizedCountry: z.string().describe("The country in the requested language; else `country`."),
});

// ---------------------------------------------------------------- cities

export const cityListQuerySchema = z.object({
  search: text().trim().max(100, { message: "Search for at most 100 characters." }).optional().describe("Part of the city name."),
  region: regionSchema.optional(),
  level: maturityLevelSchema
    .optional()
    .describe("Only cities whose latest published assessment has this level (in `characteristic`, or in any characteristic)."),
  characteristic: characteristicKeySchema.optional().describe("Narrows the level filter to one characteristic."),
  limit: limitSchema(200, 50),
  cursor: cursorSchema,
});

export const assessmentSummarySchema = z.object({
  id: z.uuid(),
  city: publicCityRefSchema,
  cycle: z.string().describe("The assessment cycle, e.g. 2013."),
  frameworkKey: z.string(),
  frameworkVersion: z.string().describe("The framework edition the assessment is pinned to."),
  publishedAt: isoDateTime.describe("The first publication; a withdrawal and republication never moves it."),
  republishedAt: isoDateTime.nullable().describe("The latest republication after a withdrawal, if any."),
  illustrative: z.boolean().describe("True for the reference dataset: per-city levels are illustrative."),
  note: z.string().nullable().describe("Set when illustrative: what the data does and does not show."),
  levels: levelsByCharacteristicSchema,
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const publicCitySchema = publicCityRefSchema.extend({
  population: z.number().int().nullable(),
  isPilot: z.boolean().describe("One of the pilot cities of the 2014 study."),
  latestAssessment: assessmentSummarySchema.omit({ city: true }).nullable().describe("The latest published assessment."),
});
export type PublicCity = z.infer<typeof publicCitySchema>;

export const cityListSchema = z.object({
  items: z.array(publicCitySchema),
  nextCursor: z.string().nullable(),
});
export type CityList = z.infer<typeof cityListSchema>;

// ---------------------------------------------------------------- assessments

export const assessmentListQuerySchema = z.object({
  city: listParam(slugSchema, 20, "cities").optional().describe("City slug(s): repeat the parameter or separate with commas."),
  region: regionSchema.optional(),
  cycle: text().trim().min(1).max(40, { message: "A cycle has at most 40 characters." }).optional(),
  frameworkVersion: text().trim().min(1).max(50).optional(),
  latest: booleanParam.optional().describe("true: only the latest published assessment of each city."),
  limit: limitSchema(100, 25),
  cursor: cursorSchema,
});

export const assessmentListSchema = z.object({
  items: z.array(assessmentSummarySchema),
  nextCursor: z.string().nullable(),
});
export type AssessmentList = z.infer<typeof assessmentListSchema>;

export const assessmentIdParamsSchema = z.object({ id: z.uuid({ message: "Must be a valid assessment id." }) });
export const citySlugParamsSchema = z.object({ slug: slugSchema });

const criterionRefSchema = z.object({
  key: z.string(),
  level: maturityLevelSchema,
  text: localizedSchema,
});

export const characteristicResultSchema = z.object({
  key: characteristicKeySchema,
  name: localizedSchema,
  rateable: z.boolean().describe("False for a characteristic the framework gives no criteria for: reported unrated."),
  level: levelSchema,
  derivedLevel: levelSchema.describe("From the criteria by the staircase rule."),
  ratedLevel: levelSchema.nullable().describe("Set by the technical expert group, when they did."),
  source: z.enum(["derived", "rated", "unrated"]),
  justification: z.string().nullable(),
  criteriaMet: z.array(z.string()).describe("Keys of the criteria judged met."),
  aheadOfStaircase: z.array(z.string()).describe("Criteria met above the level: reported, not counted."),
  criteriaCount: z.number().int(),
});

export const roadmapStepSchema = z.object({
  characteristicKey: characteristicKeySchema,
  currentLevel: levelSchema,
  nextLevel: maturityLevelSchema.nullable(),
  status: z.enum(["advance", "assess", "complete", "unrated"]),
  lagging: z.boolean().describe("Below the median level of the city's characteristics."),
  unmetCriteria: z.array(criterionRefSchema).describe("What the next level still needs."),
});

export const balanceSchema = z.object({
  median: z.number().nullable(),
  spread: z.number().nullable(),
  flags: z.array(
    z.object({
      characteristicKey: characteristicKeySchema,
      level: maturityLevelSchema,
      direction: z.enum(["above", "below"]),
      distance: z.number(),
    }),
  ),
});

export const assessmentDetailSchema = assessmentSummarySchema.extend({
  characteristics: z.array(characteristicResultSchema),
  balance: balanceSchema.describe('"No isolated advances": characteristics two or more levels from the median.'),
  roadmap: z.array(roadmapStepSchema).describe("Next steps, lagging characteristics first."),
});
export type AssessmentDetail = z.infer<typeof assessmentDetailSchema>;

export const cityDetailSchema = z.object({
  city: publicCitySchema.omit({ latestAssessment: true }),
  latestAssessment: assessmentDetailSchema.nullable(),
  history: z.array(assessmentSummarySchema.omit({ city: true })).describe("Published cycles, oldest first."),
  withdrawn: z
    .array(z.object({ cycle: z.string(), withdrawnAt: isoDateTime, reason: z.string().nullable() }))
    .describe("Cycles that were published and then withdrawn: no longer served."),
  progress: z
    .object({
      fromCycle: z.string(),
      toCycle: z.string(),
      characteristics: z.array(
        z.object({
          key: characteristicKeySchema,
          before: levelSchema,
          after: levelSchema,
          change: z.number().int().nullable().describe("Levels gained (negative: lost); null when either is not assessed."),
          newlyMet: z.array(z.string()),
        }),
      ),
    })
    .nullable()
    .describe("From the previous published cycle to the latest."),
  evidence: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        kind: z.string(),
        characteristicKey: z.string(),
        criterionKeys: z.array(z.string()).describe("The criteria its contributor said it supports."),
        revision: z.number().int().describe("The accepted revision."),
        publicContent: z.boolean().describe("Whether the contributor allowed the content (file, address, value) to be published."),
        url: z.string().nullable().describe("For link evidence the contributor made public: the address."),
        kpi: z
          .object({
            indicatorName: z.string(),
            value: z.number(),
            unit: z.string(),
            measuredOn: z.string().nullable(),
            target: z.number().nullable(),
          })
          .nullable()
          .describe("For KPI evidence the contributor made public: the measurement."),
        file: z
          .object({
            sha256: z.string().describe("SHA-256 of the accepted file, hex."),
            sizeBytes: z.number().int(),
            mimeType: z.string().nullable(),
            filename: z.string().nullable().describe("Only when the file is public."),
            url: z.string().nullable().describe("Public download path (relative to the site) when the contributor made the file public."),
          })
          .nullable()
          .describe("For document evidence: the file's checksum, and its download when public."),
      }),
    )
    .describe("Evidence accepted by the technical expert group for the latest assessment."),
  criterionEvidence: z
    .array(z.object({ criterionKey: z.string(), evidenceIds: z.array(z.uuid()) }))
    .describe("Per criterion of the latest assessment, the accepted evidence the expert cited in the judgement (ids in `evidence`)."),
});
export type CityDetail = z.infer<typeof cityDetailSchema>;

// ---------------------------------------------------------------- benchmark

export const benchmarkQuerySchema = z.object({
  cycle: text()
    .trim()
    .min(1)
    .max(40, { message: "A cycle has at most 40 characters." })
    .optional()
    .describe("Only assessments of this cycle; default: the latest published assessment of each city."),
  region: listParam(regionSchema, 3, "regions").optional().describe("Region(s) to include: repeat or separate with commas."),
});

const levelCountsSchema = z.record(levelSchema, z.number().int());

export const BENCHMARK_ROW_STATUSES = ["assessed", "no_maturity_criteria"] as const;
const benchmarkRowStatusSchema = z
  .enum(BENCHMARK_ROW_STATUSES)
  .describe(
    "no_maturity_criteria: the framework gives this characteristic no criteria (legal & regulatory), so no city can be rated on it; counts and shares are then all zero, not 100 % not assessed.",
  );

const printedRowSchema = z
  .object({
    shares: z
      .partialRecord(levelSchema, z.number().int())
      .describe("Whole percent per level as the paper prints them (empty cells omitted)."),
    totalPct: z.number().int().describe("Sum of the printed cells."),
    consistent: z.boolean().describe("False where the printed percentages do not add up (EU strategy 109 %, EU stakeholders 90 %)."),
  })
  .describe("Figure 3 of the white paper as printed, for this region and characteristic.");

const benchmarkCellSchema = z.object({
  cityCount: z.number().int(),
  counts: levelCountsSchema,
  shares: levelCountsSchema,
  printed: printedRowSchema
    .nullable()
    .describe("Set when the region's figures include the reference dataset and the paper prints this row."),
  note: z
    .string()
    .nullable()
    .describe("Set where the paper's printed percentages for this row are wrong: what it prints and why the shares differ."),
});

export const benchmarkSchema = z.object({
  frameworkKey: z.string(),
  frameworkVersion: z.string(),
  cycle: z.string().nullable().describe("The cycle filter, null for each city's latest assessment."),
  regions: z.array(regionSchema).describe("The region filter, empty for all."),
  levels: z.array(levelSchema).describe("The columns, in the order of Figure 3."),
  assessmentCount: z.number().int(),
  illustrativeCount: z.number().int().describe("How many of the assessments are illustrative reference data."),
  note: z.string().nullable(),
  cycles: z.array(z.string()).describe("Every cycle with a published assessment, newest first (for the filter)."),
  groups: z.array(
    z.object({
      group: z.string().describe("The region."),
      cityCount: z.number().int(),
      rows: z.array(
        z.object({
          characteristicKey: characteristicKeySchema,
          rateable: z.boolean(),
          status: benchmarkRowStatusSchema,
          counts: levelCountsSchema,
          shares: levelCountsSchema.describe("Whole percent, each rounded on its own as Figure 3 prints them."),
          printed: printedRowSchema.nullable(),
          note: z.string().nullable().describe("Set where the paper's printed percentages for this row are wrong."),
        }),
      ),
    }),
  ),
  figure3: z
    .object({
      regions: z.array(regionSchema).describe("The two regions side by side: EU, then China."),
      levels: z.array(levelSchema).describe("The columns, in the order of Figure 3."),
      rows: z.array(
        z.object({
          characteristicKey: characteristicKeySchema,
          status: benchmarkRowStatusSchema,
          regions: z.record(z.string(), benchmarkCellSchema).describe("One cell group per region, keyed by region."),
        }),
      ),
    })
    .nullable()
    .describe(
      "The white paper's Figure 3 layout: rows characteristics, columns levels, EU and China side by side; null unless both regions are in scope.",
    ),
});
export type Benchmark = z.infer<typeof benchmarkSchema>;

// ---------------------------------------------------------------- compare

export const compareQuerySchema = z.object({
  city: listParam(slugSchema, 6, "cities to compare"),
});

export const compareSchema = z.object({
  cities: z.array(
    z.object({
      city: publicCityRefSchema,
      assessment: assessmentSummarySchema.omit({ city: true }).nullable(),
    }),
  ),
});
export type Comparison = z.infer<typeof compareSchema>;
