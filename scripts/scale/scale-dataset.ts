import { createHash } from "node:crypto";
import type { CellValue } from "./bulk-insert";
import type { TableKey } from "./scale-tables";

/**
 * The shape of a city's years on the platform, generated in memory city by city: members, one
 * assessment per cycle (older ones published, the latest open), evidence with revisions and reviews,
 * comment threads with replies, consultations with feedback, notifications, and every write's audit
 * event chained with the same hash the app computes. Volumes are totals spread over the cities.
 *
 * This module holds the options and the row shapes; the generator is scale-generator.ts, with
 * scale-participation.ts (threads, consultations), scale-audit-chain.ts, scale-random.ts and
 * scale-vocabulary.ts.
 */

export type ScaleOptions = {
  cities: number;
  cycles: number;
  evidence: number;
  /** Comments and consultation feedback together (3 : 1). */
  comments: number;
  audit: number;
  notifications: number;
  citizensPerCity: number;
  seed: number;
  /** Comments in the one hot thread of the first city; default 1% of the comments. */
  bigThread?: number;
  /** Makes generated e-mail addresses unique when several datasets share one database (tests). */
  tag?: string;
};

export const DEFAULT_SCALE: ScaleOptions = {
  cities: 200,
  cycles: 5,
  evidence: 50_000,
  comments: 200_000,
  audit: 1_000_000,
  notifications: 50_000,
  citizensPerCity: 25,
  seed: 20140301,
};

export type Rows = Record<TableKey, CellValue[][]>;
export function emptyRows(): Rows {
  return {
    users: [],
    cities: [],
    memberships: [],
    assessments: [],
    approvals: [],
    judgements: [],
    ratings: [],
    storedFiles: [],
    evidence: [],
    revisions: [],
    reviews: [],
    consultations: [],
    feedback: [],
    feedbackSupports: [],
    comments: [],
    flags: [],
    notifications: [],
    auditEvents: [],
  };
}

export type Member = { id: string; role: "leadership" | "department" | "partner" | "citizen"; email: string };
export type Actor = { id: string; role: string };

export type GlobalUsers = { experts: Actor[]; admins: Actor[] };

/** What the benchmarks need to find in the data: written to the manifest. */
export type CityInfo = {
  index: number;
  id: string;
  slug: string;
  latestAssessmentId: string;
  latestStatus: string;
  latestPublishedAssessmentId: string | null;
  publishedAssessmentIds: string[];
  departmentEmails: string[];
  citizenEmails: string[];
  bigThread?: { assessmentId: string; targetType: "characteristic"; targetKey: string; visibility: "public"; comments: number };
};

export const DAY = 86_400_000;

/** A stable digest of the options, so a manifest says which data it describes. */
export function optionsDigest(options: ScaleOptions): string {
  return createHash("sha256").update(JSON.stringify(options)).digest("hex").slice(0, 12);
}
