CREATE TABLE "cache_epoch" (
	"id" smallint PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL,
	CONSTRAINT "cache_epoch_single_row" CHECK ("cache_epoch"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "cache_tag_invalidations" (
	"tag" text PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL,
	"invalidated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cache_tag_invalidations_epoch_idx" ON "cache_tag_invalidations" USING btree ("epoch");