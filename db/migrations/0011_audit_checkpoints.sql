CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"statement" text NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_checkpoints_city_idx" ON "audit_checkpoints" USING btree ("city_id","id");