ALTER TABLE "evidence" ADD COLUMN "attributed_to" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "attributed_at" timestamp with time zone;--> statement-breakpoint
-- Erasure (server/privacy/erasure.ts) attributes an erased person's evidence to their department,
-- also on published assessments: the freeze lets an update of evidence through when nothing but the
-- two attribution columns changes. Everything else stays as in 0002_workflow_guards.sql.
CREATE OR REPLACE FUNCTION reject_writes_to_published_assessment() RETURNS trigger AS $$
DECLARE
  via text := TG_ARGV[0];
  row_ids uuid[];
  row_id uuid;
  target uuid;
  target_status text;
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'evidence'
     AND (to_jsonb(NEW) - 'attributed_to' - 'attributed_at') = (to_jsonb(OLD) - 'attributed_to' - 'attributed_at') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    row_ids := ARRAY[(to_jsonb(NEW) ->> via)::uuid];
  ELSIF TG_OP = 'DELETE' THEN
    row_ids := ARRAY[(to_jsonb(OLD) ->> via)::uuid];
  ELSE
    row_ids := ARRAY[(to_jsonb(OLD) ->> via)::uuid, (to_jsonb(NEW) ->> via)::uuid];
  END IF;
  FOREACH row_id IN ARRAY row_ids LOOP
    IF via = 'evidence_id' THEN
      SELECT assessment_id INTO target FROM evidence WHERE id = row_id;
    ELSE
      target := row_id;
    END IF;
    SELECT status::text INTO target_status FROM assessments WHERE id = target FOR SHARE;
    IF target_status = 'published' THEN
      RAISE EXCEPTION 'assessment % is published and frozen (% on % refused)', target, TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'SCW02';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
