CREATE TABLE "good_practice_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"sender_city_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"sender_role" text NOT NULL,
	"characteristic_key" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "good_practice_messages" ADD CONSTRAINT "good_practice_messages_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_practice_messages" ADD CONSTRAINT "good_practice_messages_sender_city_id_cities_id_fk" FOREIGN KEY ("sender_city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "good_practice_messages" ADD CONSTRAINT "good_practice_messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "good_practice_messages_inbox_idx" ON "good_practice_messages" USING btree ("city_id","created_at","id");--> statement-breakpoint
CREATE INDEX "good_practice_messages_sender_idx" ON "good_practice_messages" USING btree ("sender_id","created_at");