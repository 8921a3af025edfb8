import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * Append-only (UPDATE/DELETE are rejected by a trigger, see the custom migration).
 * Rows form a hash chain per `chain_key` (an assessment id, `city:<id>` or `global`).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chainKey: text("chain_key").notNull(),
    cityId: uuid("city_id"),
    assessmentId: uuid("assessment_id"),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    createdAt: timestamptz("created_at").notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_chain_idx").on(t.chainKey, t.id),
    index("audit_assessment_idx").on(t.assessmentId, t.id),
    index("audit_city_idx").on(t.cityId, t.id),
  ],
);
