-- Issue 14: communication with customers. The outbox (the lowest module) gains the notification
-- events any module writes in its own transaction, and its messages gain delivery status per channel
-- (WhatsApp, SMS, e-mail), one per event and channel; the organization gains quiet hours; the
-- communication module's own tables hold templates, conversations, maintenance plans, feedback,
-- campaigns, tickets and FAQ articles.
ALTER TABLE "organizations" ADD COLUMN "quiet_start" text DEFAULT '20:00' NOT NULL;
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "quiet_end" text DEFAULT '08:00' NOT NULL;
--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_quiet_hours_ck" CHECK ("quiet_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "quiet_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "event_id" uuid;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "customer_id" uuid;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "whatsapp_template" jsonb;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "not_before" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "delivered_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "read_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "resend_of" uuid;
--> statement-breakpoint
-- one message per event and channel: a retried dispatch inserts nothing twice
CREATE UNIQUE INDEX "outbox_event_channel_uq" ON "outbox_messages" USING btree ("event_id","channel") WHERE "event_id" IS NOT NULL;
--> statement-breakpoint
-- an order's (or asset's, campaign's) messages: its timeline
CREATE INDEX "outbox_related_idx" ON "outbox_messages" USING btree ("organization_id","related_entity","related_id");
--> statement-breakpoint
-- the providers' delivery callbacks find the message by the provider's id
CREATE INDEX "outbox_provider_id_idx" ON "outbox_messages" USING btree ("provider_message_id") WHERE "provider_message_id" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "notification_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"event" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"customer_id" uuid,
	"supplier_id" uuid,
	"related_entity" text,
	"related_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attachments" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notification_events_dedupe_uq" ON "notification_events" USING btree ("organization_id","dedupe_key");
--> statement-breakpoint
CREATE INDEX "notification_events_related_idx" ON "notification_events" USING btree ("organization_id","related_entity","related_id");
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"event" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_uq" ON "message_templates" USING btree ("organization_id","event","channel","locale");
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"customer_id" uuid REFERENCES "customers"("id"),
	"phone" text,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_inbound_whatsapp_at" timestamp with time zone,
	"wa_id" text,
	"last_preview" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_customer_uq" ON "conversations" USING btree ("organization_id","customer_id") WHERE "customer_id" IS NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_phone_uq" ON "conversations" USING btree ("organization_id","phone") WHERE "customer_id" IS NULL;
--> statement-breakpoint
CREATE INDEX "conversations_org_last_idx" ON "conversations" USING btree ("organization_id","last_message_at");
--> statement-breakpoint
CREATE TABLE "conversation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"conversation_id" uuid NOT NULL REFERENCES "conversations"("id"),
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"author_user_id" uuid,
	"author_name" text,
	"text" text DEFAULT '' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"repair_id" uuid,
	"outbox_message_id" uuid,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_messages_direction_ck" CHECK ("direction" IN ('in', 'out'))
);
--> statement-breakpoint
CREATE INDEX "conversation_messages_conv_idx" ON "conversation_messages" USING btree ("conversation_id","created_at");
--> statement-breakpoint
CREATE INDEX "conversation_messages_repair_idx" ON "conversation_messages" USING btree ("repair_id") WHERE "repair_id" IS NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_messages_provider_uq" ON "conversation_messages" USING btree ("organization_id","provider_message_id") WHERE "provider_message_id" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "conversation_reads" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"conversation_id" uuid NOT NULL REFERENCES "conversations"("id"),
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_reads_pk" ON "conversation_reads" USING btree ("organization_id","conversation_id","user_id");
--> statement-breakpoint
CREATE TABLE "maintenance_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"asset_id" uuid NOT NULL REFERENCES "assets"("id"),
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"template_key" text,
	"name" text NOT NULL,
	"interval_km" integer,
	"interval_hours" integer,
	"interval_months" integer,
	"last_service_at" timestamp with time zone,
	"last_service_km" integer,
	"last_service_hours" integer,
	"last_service_repair_id" uuid,
	"next_due_at" timestamp with time zone,
	"due_reason" text,
	"last_reminded_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "maintenance_plans_interval_ck" CHECK (coalesce("interval_km", "interval_hours", "interval_months") IS NOT NULL AND coalesce("interval_km", 1) > 0 AND coalesce("interval_hours", 1) > 0 AND coalesce("interval_months", 1) > 0)
);
--> statement-breakpoint
CREATE INDEX "maintenance_plans_asset_idx" ON "maintenance_plans" USING btree ("asset_id");
--> statement-breakpoint
CREATE INDEX "maintenance_plans_due_idx" ON "maintenance_plans" USING btree ("organization_id","next_due_at") WHERE "active";
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"repair_id" uuid NOT NULL,
	"repair_number" integer NOT NULL,
	"customer_id" uuid NOT NULL REFERENCES "customers"("id"),
	"technician_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rating" integer,
	"nps" integer,
	"comment" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "feedback_rating_ck" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5),
	CONSTRAINT "feedback_nps_ck" CHECK ("nps" IS NULL OR "nps" BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_repair_uq" ON "feedback" USING btree ("organization_id","repair_id");
--> statement-breakpoint
CREATE INDEX "feedback_org_answered_idx" ON "feedback" USING btree ("organization_id","answered_at");
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"name" text NOT NULL,
	"segment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"channels" text[] NOT NULL,
	"messages" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"audience_size" integer,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "campaigns_org_idx" ON "campaigns" USING btree ("organization_id","created_at");
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"number" integer NOT NULL,
	"customer_id" uuid REFERENCES "customers"("id"),
	"repair_id" uuid,
	"subject" text NOT NULL,
	"category" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"opened_by" text NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_org_number_uq" ON "tickets" USING btree ("organization_id","number");
--> statement-breakpoint
CREATE INDEX "tickets_org_status_idx" ON "tickets" USING btree ("organization_id","status","sla_due_at");
--> statement-breakpoint
CREATE TABLE "ticket_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"ticket_id" uuid NOT NULL REFERENCES "tickets"("id"),
	"author_user_id" uuid,
	"author_customer_id" uuid,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ticket_messages_ticket_idx" ON "ticket_messages" USING btree ("ticket_id","created_at");
--> statement-breakpoint
CREATE TABLE "faq_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"kind" text DEFAULT 'faq' NOT NULL,
	"locale" text NOT NULL,
	"category" text,
	"title" text NOT NULL,
	"body_markdown" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "faq_articles_org_idx" ON "faq_articles" USING btree ("organization_id","kind","locale","position");
