-- Issue 15 §1: bays, the shop's holidays, appointments and their reschedule history. No double
-- booking, enforced here: exclusion constraints over the appointment's time range (btree_gist, created
-- by the first migration) per technician and per bay, for the statuses that hold their resources.
-- Written by hand like 0014 onwards: drizzle-kit's snapshots stop at 0013, so it cannot diff anymore
-- (the DDL below is what drizzle-kit generates for db/schema/scheduling.ts alone, then the constraints).
CREATE TABLE "appointment_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"from_start" timestamp with time zone NOT NULL,
	"from_end" timestamp with time zone NOT NULL,
	"to_start" timestamp with time zone NOT NULL,
	"to_end" timestamp with time zone NOT NULL,
	"from_technician_id" uuid,
	"to_technician_id" uuid,
	"from_bay_id" uuid,
	"to_bay_id" uuid,
	"changed_by" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"asset_id" uuid,
	"technician_id" uuid,
	"bay_id" uuid,
	"service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"during" tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
	"notes" text,
	"source" text DEFAULT 'STAFF' NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"repair_id" uuid,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "appointments_range" CHECK ("appointments"."ends_at" > "appointments"."starts_at"),
	CONSTRAINT "appointments_source" CHECK ("appointments"."source" IN ('STAFF', 'PORTAL', 'PHONE', 'WHATSAPP')),
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" IN ('SCHEDULED', 'CONFIRMED', 'ARRIVED', 'NO_SHOW', 'CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "bays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'BAY' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bays_kind" CHECK ("bays"."kind" IN ('BAY', 'LIFT', 'BENCH'))
);
--> statement-breakpoint
CREATE TABLE "shop_holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"branch_id" uuid,
	"date" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "shop_holidays_org_branch_date_uq" UNIQUE NULLS NOT DISTINCT("organization_id","branch_id","date")
);
--> statement-breakpoint
ALTER TABLE "appointment_changes" ADD CONSTRAINT "appointment_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_changes" ADD CONSTRAINT "appointment_changes_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_bay_id_bays_id_fk" FOREIGN KEY ("bay_id") REFERENCES "public"."bays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bays" ADD CONSTRAINT "bays_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bays" ADD CONSTRAINT "bays_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_holidays" ADD CONSTRAINT "shop_holidays_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_holidays" ADD CONSTRAINT "shop_holidays_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_changes_appointment_idx" ON "appointment_changes" USING btree ("organization_id","appointment_id","created_at");--> statement-breakpoint
CREATE INDEX "appointments_org_start_idx" ON "appointments" USING btree ("organization_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_org_customer_idx" ON "appointments" USING btree ("organization_id","customer_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bays_org_branch_name_uq" ON "bays" USING btree ("organization_id","branch_id","name");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_technician_no_overlap" EXCLUDE USING gist ("organization_id" WITH =, "technician_id" WITH =, "during" WITH &&) WHERE ("technician_id" IS NOT NULL AND "status" IN ('SCHEDULED', 'CONFIRMED', 'ARRIVED'));
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_bay_no_overlap" EXCLUDE USING gist ("organization_id" WITH =, "bay_id" WITH =, "during" WITH &&) WHERE ("bay_id" IS NOT NULL AND "status" IN ('SCHEDULED', 'CONFIRMED', 'ARRIVED'));
