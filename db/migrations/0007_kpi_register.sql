CREATE TYPE "public"."kpi_direction" AS ENUM('higher_is_better', 'lower_is_better');--> statement-breakpoint
CREATE TYPE "public"."kpi_measurement_source" AS ENUM('manual', 'evidence', 'csv');--> statement-breakpoint
CREATE TYPE "public"."kpi_status" AS ENUM('on_track', 'at_risk', 'off_track', 'no_data');--> statement-breakpoint
CREATE TYPE "public"."kpi_unit_family" AS ENUM('percentage', 'count', 'rate', 'ratio', 'energy', 'length', 'area', 'mass', 'volume', 'money', 'time', 'concentration', 'other');--> statement-breakpoint
CREATE TABLE "kpi_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"row_count" integer NOT NULL,
	"written_count" integer NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"kpi_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"value" double precision NOT NULL,
	"entered_value" double precision,
	"entered_unit" text,
	"source" "kpi_measurement_source" NOT NULL,
	"evidence_id" uuid,
	"import_id" uuid,
	"note" text,
	"entered_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"indicator_key" text,
	"catalogue_version" text,
	"is_custom" boolean DEFAULT false NOT NULL,
	"custom_name" jsonb,
	"custom_definition" jsonb,
	"unit" text NOT NULL,
	"unit_family" "kpi_unit_family" NOT NULL,
	"direction" "kpi_direction" NOT NULL,
	"baseline_value" double precision NOT NULL,
	"baseline_year" smallint NOT NULL,
	"target_value" double precision NOT NULL,
	"target_year" smallint NOT NULL,
	"owner_id" uuid NOT NULL,
	"characteristic_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"objectives" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"frequency_months" smallint DEFAULT 12 NOT NULL,
	"status" "kpi_status" DEFAULT 'no_data' NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"status_evaluated_at" timestamp with time zone,
	"latest_value" double precision,
	"latest_measured_on" date,
	"created_by" uuid NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_imports" ADD CONSTRAINT "kpi_imports_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_imports" ADD CONSTRAINT "kpi_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_import_id_kpi_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."kpi_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_measurements" ADD CONSTRAINT "kpi_measurements_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_imports_city_idx" ON "kpi_imports" USING btree ("city_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_measurements_kpi_date_uq" ON "kpi_measurements" USING btree ("kpi_id","measured_on");--> statement-breakpoint
CREATE INDEX "kpi_measurements_city_idx" ON "kpi_measurements" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "kpis_city_idx" ON "kpis" USING btree ("city_id","status");--> statement-breakpoint
CREATE INDEX "kpis_indicator_idx" ON "kpis" USING btree ("indicator_key","is_public");--> statement-breakpoint
CREATE INDEX "kpis_owner_idx" ON "kpis" USING btree ("owner_id");