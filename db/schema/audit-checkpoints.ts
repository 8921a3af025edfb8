import { bigserial, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";

/**
 * Signed checkpoints of a city's audit chains (server/audit/audit-checkpoints.ts). `statement` is
 * the exact canonical JSON that was signed (kept as text, not jsonb, so the bytes stay the same);
 * `public_key` is the SPKI PEM of the key that signed it, so checkpoints stay checkable after a
 * key rotation. Written once, never changed.
 */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    cityId: uuid("city_id").notNull(),
    takenAt: timestamptz("taken_at").notNull(),
    reason: text("reason").$type<"publication" | "daily">().notNull(),
    statement: text("statement").notNull(),
    signature: text("signature").notNull(),
    keyId: text("key_id").notNull(),
    publicKey: text("public_key").notNull(),
  },
  (t) => [index("audit_checkpoints_city_idx").on(t.cityId, t.id)],
);
