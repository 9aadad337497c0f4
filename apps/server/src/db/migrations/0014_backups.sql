-- Issue 13 §1: one row per backup run (scheduled, started from the Backups page, or by the CLI), for
-- the page's list, its progress bar, the retention sweep and the failure alert. Installation-wide: a
-- backup holds every organization, so the table has no organization_id.
CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"phase" text DEFAULT 'starting' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"requested_by" uuid,
	"destination" text,
	"location" text,
	"file_name" text,
	"size_bytes" bigint,
	"sha256" text,
	"migration" text,
	"error" text,
	"removed_at" timestamp with time zone,
	CONSTRAINT "backups_trigger_ck" CHECK ("backups"."trigger" in ('schedule','manual','cli')),
	CONSTRAINT "backups_status_ck" CHECK ("backups"."status" in ('running','succeeded','failed')),
	CONSTRAINT "backups_progress_ck" CHECK ("backups"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX "backups_started_idx" ON "backups" USING btree ("started_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "backups_trigger_started_idx" ON "backups" USING btree ("trigger","started_at" DESC);--> statement-breakpoint
-- at most one run at a time, whoever starts it (the runner also holds an advisory lock)
CREATE UNIQUE INDEX "backups_one_running_uq" ON "backups" USING btree ((true)) WHERE "backups"."status" = 'running';
