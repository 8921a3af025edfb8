-- The assessment lifecycle, enforced by the database as well as by the code
-- (server/workflow/assessment-lifecycle.ts holds the same table of allowed status changes; an
-- integration test tries every pair against this trigger).
--
-- SQLSTATE SCW01: a status change the lifecycle does not allow.
-- SQLSTATE SCW02: a write to a published (frozen) assessment or to anything that belongs to it.
CREATE OR REPLACE FUNCTION assessments_lifecycle_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'assessment % is published and cannot be deleted', OLD.id USING ERRCODE = 'SCW02';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' AND NEW.status = 'published' THEN
    RAISE EXCEPTION 'assessment % is published and frozen; changes go into the next cycle', OLD.id USING ERRCODE = 'SCW02';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND (OLD.status::text, NEW.status::text) NOT IN (
    ('draft', 'in_review'),
    ('in_review', 'rated'),
    ('in_review', 'draft'),
    ('rated', 'draft'),
    ('rated', 'approved'),
    ('approved', 'rated'),
    ('approved', 'published'),
    ('published', 'approved')
  ) THEN
    RAISE EXCEPTION 'assessment status cannot change from % to %', OLD.status, NEW.status USING ERRCODE = 'SCW01';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assessments_lifecycle_guard BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessments_lifecycle_guard();
--> statement-breakpoint
-- The freeze: rows that belong to a published assessment cannot be inserted, changed or removed.
-- TG_ARGV[0] names the column that leads to the assessment: `assessment_id` directly, or
-- `evidence_id` through the evidence row. FOR SHARE waits for a concurrent publication to commit
-- and then sees it, so a write racing the publish cannot slip in behind it.
CREATE OR REPLACE FUNCTION reject_writes_to_published_assessment() RETURNS trigger AS $$
DECLARE
  via text := TG_ARGV[0];
  row_ids uuid[];
  row_id uuid;
  target uuid;
  target_status text;
BEGIN
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
--> statement-breakpoint
CREATE TRIGGER criterion_judgements_published_freeze BEFORE INSERT OR UPDATE OR DELETE ON criterion_judgements
  FOR EACH ROW EXECUTE FUNCTION reject_writes_to_published_assessment('assessment_id');
--> statement-breakpoint
CREATE TRIGGER characteristic_ratings_published_freeze BEFORE INSERT OR UPDATE OR DELETE ON characteristic_ratings
  FOR EACH ROW EXECUTE FUNCTION reject_writes_to_published_assessment('assessment_id');
--> statement-breakpoint
CREATE TRIGGER assessment_approvals_published_freeze BEFORE INSERT OR UPDATE OR DELETE ON assessment_approvals
  FOR EACH ROW EXECUTE FUNCTION reject_writes_to_published_assessment('assessment_id');
--> statement-breakpoint
CREATE TRIGGER evidence_published_freeze BEFORE INSERT OR UPDATE OR DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION reject_writes_to_published_assessment('assessment_id');
--> statement-breakpoint
CREATE TRIGGER evidence_revisions_published_freeze BEFORE INSERT OR UPDATE OR DELETE ON evidence_revisions
  FOR EACH ROW EXECUTE FUNCTION reject_writes_to_published_assessment('evidence_id');
--> statement-breakpoint
CREATE TRIGGER evidence_reviews_published_freeze BEFORE INSERT OR UPDATE OR DELETE ON evidence_reviews
  FOR EACH ROW EXECUTE FUNCTION reject_writes_to_published_assessment('evidence_id');
