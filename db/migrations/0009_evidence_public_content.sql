ALTER TABLE "evidence" ADD COLUMN "public_content" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing evidence gets the defaults a contributor now sees at submission: links and KPIs public,
-- documents (and the other kinds) not. The freeze trigger refuses writes to the evidence of
-- published assessments, so it is paused for this one backfill (inside the migration's transaction).
ALTER TABLE "evidence" DISABLE TRIGGER "evidence_published_freeze";--> statement-breakpoint
UPDATE "evidence" SET "public_content" = true WHERE "kind" IN ('link', 'kpi');--> statement-breakpoint
ALTER TABLE "evidence" ENABLE TRIGGER "evidence_published_freeze";
