-- Issue 13 §3: key rotation (`npm run cli -- rotate-key`, decision 0010). One row per rotation to a
-- key (target_kid, a fingerprint of the key, never the key), updated in the same transaction as each
-- batch it re-encrypts, so its counts are exact after an interruption; a rerun continues the open row.
-- Installation-wide (the keys belong to the installation), so there is no organization_id.
CREATE TABLE "key_rotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_kid" text NOT NULL,
	"phase" text DEFAULT 'fields' NOT NULL,
	"values_reencrypted" integer DEFAULT 0 NOT NULL,
	"files_resealed" integer DEFAULT 0 NOT NULL,
	"runs" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "key_rotations_phase_check" CHECK ("phase" IN ('fields', 'files', 'done'))
);
--> statement-breakpoint
-- at most one unfinished rotation per target key: the row a resumed run continues
CREATE UNIQUE INDEX "key_rotations_open_uq" ON "key_rotations" USING btree ("target_kid") WHERE "finished_at" IS NULL;
