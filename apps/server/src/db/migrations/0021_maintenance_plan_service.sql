-- Issue 14 §4: a maintenance plan made from an order's service line names that catalog service (only
-- an order with a line of it serves the plan), and each reminder a plan sends is kept for the asset's
-- and the customer's timelines.
ALTER TABLE "maintenance_plans" ADD COLUMN "service_id" uuid;
--> statement-breakpoint
CREATE TABLE "maintenance_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"plan_id" uuid NOT NULL REFERENCES "maintenance_plans"("id"),
	"asset_id" uuid NOT NULL REFERENCES "assets"("id"),
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"due_at" timestamp with time zone NOT NULL,
	"due_reason" text NOT NULL,
	"event_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "maintenance_reminders_asset_idx" ON "maintenance_reminders" USING btree ("organization_id","asset_id","sent_at");
--> statement-breakpoint
CREATE INDEX "maintenance_reminders_customer_idx" ON "maintenance_reminders" USING btree ("organization_id","customer_id","sent_at");
