import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments";
import { createdAtColumn, idColumn, timestamptz, updatedAtColumn, versionColumn } from "./columns";
import { cityIdColumn, userIdColumn, users } from "./identity";

/**
 * What-if plans (server/planning/): the criteria a city plans to meet by a target cycle, on top of
 * the assessment it started from. Private to the city's members until the leadership group publishes
 * one (`publishedAt`).
 */
export const plans = pgTable(
  "plans",
  {
    id: idColumn(),
    cityId: cityIdColumn(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The assessment whose judgements the plan starts from (the city's current one when created). */
    baseAssessmentId: uuid("base_assessment_id")
      .notNull()
      .references(() => assessments.id),
    /** The cycle by which the planned criteria should be met; plan vs actual reads that cycle's assessment. */
    targetCycle: text("target_cycle").notNull(),
    createdBy: userIdColumn("created_by"),
    publishedAt: timestamptz("published_at"),
    publishedBy: uuid("published_by").references(() => users.id),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index("plans_city_created_idx").on(t.cityId, t.createdAt)],
);

/** One planned criterion of a plan and the city member who owns it. */
export const planCriteria = pgTable(
  "plan_criteria",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    cityId: cityIdColumn(),
    criterionKey: text("criterion_key").notNull(),
    ownerId: uuid("owner_id").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.criterionKey] }), index("plan_criteria_city_idx").on(t.cityId)],
);
