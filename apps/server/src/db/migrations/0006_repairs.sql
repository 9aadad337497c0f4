CREATE TABLE "repair_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"component_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"unit_price_cents" bigint NOT NULL,
	"warranty_days" integer NOT NULL,
	"stock_state" text DEFAULT 'reserved' NOT NULL,
	"approval" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_parts_quantity_positive" CHECK ("repair_parts"."quantity" > 0),
	CONSTRAINT "repair_parts_price_nonnegative" CHECK ("repair_parts"."unit_price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"organization_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"user_id" uuid,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_appliances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"brand" text,
	"model" text,
	"voltage" text,
	"serial" text,
	"customer_note" text,
	"labor_cents" bigint NOT NULL,
	"estimated_hours" numeric(8, 2),
	"warranty_days" integer NOT NULL,
	"asset_id" uuid,
	"approval" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_appliances_labor_nonnegative" CHECK ("repair_appliances"."labor_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "repair_estimates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"snapshot" jsonb NOT NULL,
	"document_hash" text NOT NULL,
	"decisions" jsonb,
	"decision_channel" text,
	"signer_name" text,
	"decided_at" timestamp with time zone,
	"decision_ip" text,
	"decision_user_agent" text,
	"decision_hash" text,
	"decision_note" text,
	"recorded_by_name" text,
	"created_by_id" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "repair_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"caption" text,
	"stage" text DEFAULT 'intake' NOT NULL,
	"uploaded_by_id" uuid,
	"uploaded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"catalog_id" uuid,
	"description" text NOT NULL,
	"hours" numeric(8, 2) DEFAULT '0' NOT NULL,
	"price_cents" bigint NOT NULL,
	"technician_id" uuid,
	"warranty_days" integer NOT NULL,
	"approval" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_services_price_nonnegative" CHECK ("repair_services"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "repair_time_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"repair_id" uuid NOT NULL,
	"technician_id" uuid NOT NULL,
	"service_line_id" uuid,
	"stage" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "repair_time_entries_order" CHECK ("repair_time_entries"."ended_at" IS NULL OR "repair_time_entries"."ended_at" >= "repair_time_entries"."started_at")
);
--> statement-breakpoint
CREATE TABLE "service_catalog" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text,
	"specialty" text,
	"standard_hours" numeric(8, 2) DEFAULT '1' NOT NULL,
	"price_cents" bigint DEFAULT 0 NOT NULL,
	"warranty_days" integer DEFAULT 90 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_catalog_price_nonnegative" CHECK ("service_catalog"."price_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "priority" text DEFAULT 'NORMAL' NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "nf" text;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "return_guarantee" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "fabric_guarantee" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "parts_total_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "labor_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "discount_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "estimated_hours" numeric(10, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "service_description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "notes" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "condition" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "accessories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "odometer_km" numeric(12, 1);--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "hour_meter" numeric(12, 1);--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "fuel_level" text;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "technician_id" uuid;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "checklist" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "warranty_of_repair_id" uuid;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "warranty_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "approved_by_id" uuid;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "approved_by_name" text;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "status_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "repairs" ADD COLUMN "created_by_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_parts" ADD CONSTRAINT "repair_parts_component_fk" FOREIGN KEY ("organization_id","component_id") REFERENCES "public"."components"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_appliances" ADD CONSTRAINT "repair_appliances_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_appliances" ADD CONSTRAINT "repair_appliances_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_estimates" ADD CONSTRAINT "repair_estimates_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_estimates" ADD CONSTRAINT "repair_estimates_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_events" ADD CONSTRAINT "repair_events_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_events" ADD CONSTRAINT "repair_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_photos" ADD CONSTRAINT "repair_photos_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_photos" ADD CONSTRAINT "repair_photos_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_services" ADD CONSTRAINT "repair_services_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_services" ADD CONSTRAINT "repair_services_catalog_id_service_catalog_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."service_catalog"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_services" ADD CONSTRAINT "repair_services_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_time_entries" ADD CONSTRAINT "repair_time_entries_repair_id_repairs_id_fk" FOREIGN KEY ("repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_time_entries" ADD CONSTRAINT "repair_time_entries_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_time_entries" ADD CONSTRAINT "repair_time_entries_service_line_id_repair_services_id_fk" FOREIGN KEY ("service_line_id") REFERENCES "public"."repair_services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_catalog" ADD CONSTRAINT "service_catalog_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "repair_parts_repair_component_uq" ON "repair_parts" USING btree ("repair_id","component_id");--> statement-breakpoint
CREATE INDEX "repair_parts_component_idx" ON "repair_parts" USING btree ("organization_id","component_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_uq" ON "idempotency_keys" USING btree ("organization_id","scope","key");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "repair_appliances_repair_idx" ON "repair_appliances" USING btree ("repair_id","position");--> statement-breakpoint
CREATE INDEX "repair_appliances_asset_idx" ON "repair_appliances" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_estimates_repair_version_uq" ON "repair_estimates" USING btree ("repair_id","version");--> statement-breakpoint
CREATE INDEX "repair_events_repair_idx" ON "repair_events" USING btree ("repair_id","seq");--> statement-breakpoint
CREATE INDEX "repair_photos_repair_idx" ON "repair_photos" USING btree ("repair_id","created_at");--> statement-breakpoint
CREATE INDEX "repair_services_repair_idx" ON "repair_services" USING btree ("repair_id","position");--> statement-breakpoint
CREATE INDEX "repair_time_entries_repair_idx" ON "repair_time_entries" USING btree ("repair_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_time_entries_running_uq" ON "repair_time_entries" USING btree ("technician_id") WHERE "repair_time_entries"."ended_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "service_catalog_org_code_uq" ON "service_catalog" USING btree ("organization_id","code");--> statement-breakpoint
CREATE INDEX "service_catalog_org_name_idx" ON "service_catalog" USING btree ("organization_id","name");--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_warranty_of_repair_id_repairs_id_fk" FOREIGN KEY ("warranty_of_repair_id") REFERENCES "public"."repairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repairs_org_status_idx" ON "repairs" USING btree ("organization_id","status","received_at");--> statement-breakpoint
CREATE INDEX "repairs_org_technician_idx" ON "repairs" USING btree ("organization_id","technician_id","status");--> statement-breakpoint
CREATE INDEX "repairs_org_received_idx" ON "repairs" USING btree ("organization_id","received_at");--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_status_known" CHECK ("repairs"."status" IN ('NAO_INICIADO','AGUARDANDO_APROVACAO','AGUARDANDO_PECAS','EM_ANDAMENTO','EM_REVISAO','FINALIZADO','ENTREGUE','CANCELADO'));--> statement-breakpoint
ALTER TABLE "repairs" ADD CONSTRAINT "repairs_money_nonnegative" CHECK ("repairs"."parts_total_cents" >= 0 AND "repairs"."labor_cents" >= 0 AND "repairs"."discount_cents" >= 0 AND "repairs"."total_cents" >= 0);--> statement-breakpoint
-- The order's events are its history (time in status comes from them): append-only.
CREATE OR REPLACE FUNCTION repair_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'repair_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER repair_events_no_update BEFORE UPDATE OR DELETE ON repair_events
  FOR EACH ROW EXECUTE FUNCTION repair_events_refuse_change();
