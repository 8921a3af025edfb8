-- Republication used to overwrite published_at with the republication date. Restore the first
-- publication where the audit trail shows it: the earliest `assessment.unpublish` event recorded the
-- publication date it withdrew (before.publishedAt). The overwritten value was the latest
-- republication. The lifecycle guard refuses writes to published rows, so it is paused for this
-- one repair (inside the migration's transaction).
ALTER TABLE "assessments" DISABLE TRIGGER "assessments_lifecycle_guard";
--> statement-breakpoint
UPDATE "assessments" a
SET "last_republished_at" = a."published_at", "published_at" = f.first_published_at
FROM (
  SELECT DISTINCT ON ("assessment_id") "assessment_id", ("before" ->> 'publishedAt')::timestamptz AS first_published_at
  FROM "audit_events"
  WHERE "action" = 'assessment.unpublish' AND "assessment_id" IS NOT NULL AND "before" ->> 'publishedAt' IS NOT NULL
  ORDER BY "assessment_id", "id"
) f
WHERE a."id" = f."assessment_id" AND a."published_at" IS NOT NULL AND f.first_published_at < a."published_at";
--> statement-breakpoint
ALTER TABLE "assessments" ENABLE TRIGGER "assessments_lifecycle_guard";
