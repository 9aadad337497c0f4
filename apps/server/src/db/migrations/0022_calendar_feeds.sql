-- Issue 15 §1: secret iCalendar feed addresses per technician (a user) or customer. Only the SHA-256
-- of the token in the URL is kept; replacing a feed revokes the old row (one live feed per owner).
-- Written by hand like 0014 onwards: drizzle-kit's snapshots stop at 0013, so it cannot diff anymore.
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_owner_kind_ck" CHECK ("calendar_feeds"."owner_kind" IN ('TECHNICIAN', 'CUSTOMER'))
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_uq" ON "calendar_feeds" USING btree ("token_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_owner_uq" ON "calendar_feeds" USING btree ("organization_id","owner_kind","owner_id") WHERE "calendar_feeds"."revoked_at" IS NULL;
