-- Issue 15 §2: customer accounts waiting for their e-mailed link (self-registration or a staff
-- invitation; contact data sealed like the customers', decision 0011; the token kept only as its
-- SHA-256; a row is deleted when its link is used, expired ones swept) and the customers' LGPD requests (correction, deletion) answered by staff.
-- Written by hand like 0014 onwards: drizzle-kit's snapshots stop at 0013, so it cannot diff anymore.
CREATE TABLE "portal_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"email_ciphertext" text NOT NULL,
	"email_hash" text NOT NULL,
	"name" text NOT NULL,
	"phone_ciphertext" text,
	"document_ciphertext" text,
	"password_hash" text,
	"locale" text NOT NULL,
	"customer_id" uuid,
	"policy_version" integer,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"invited_by" uuid,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portal_signups_kind_ck" CHECK ("portal_signups"."kind" IN ('SIGNUP', 'INVITATION')),
	CONSTRAINT "portal_signups_shape_ck" CHECK ("portal_signups"."kind" = 'SIGNUP' OR "portal_signups"."customer_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "data_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"answer" text,
	"requested_by" uuid,
	"resolved_by" uuid,
	"resolved_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "data_requests_kind_ck" CHECK ("data_requests"."kind" IN ('CORRECTION', 'DELETION')),
	CONSTRAINT "data_requests_status_ck" CHECK ("data_requests"."status" IN ('OPEN', 'DONE', 'REJECTED')),
	CONSTRAINT "data_requests_resolved_ck" CHECK (("data_requests"."status" = 'OPEN') = ("data_requests"."resolved_at" IS NULL AND "data_requests"."answer" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "portal_signups" ADD CONSTRAINT "portal_signups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_signups" ADD CONSTRAINT "portal_signups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "data_requests" ADD CONSTRAINT "data_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "data_requests" ADD CONSTRAINT "data_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "portal_signups_token_uq" ON "portal_signups" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "portal_signups_org_email_idx" ON "portal_signups" USING btree ("organization_id","email_hash");
--> statement-breakpoint
CREATE INDEX "portal_signups_customer_idx" ON "portal_signups" USING btree ("customer_id");
--> statement-breakpoint
CREATE INDEX "portal_signups_expires_idx" ON "portal_signups" USING btree ("expires_at");
--> statement-breakpoint
CREATE INDEX "data_requests_org_status_idx" ON "data_requests" USING btree ("organization_id","status","created_at");
--> statement-breakpoint
CREATE INDEX "data_requests_customer_idx" ON "data_requests" USING btree ("organization_id","customer_id","created_at");
