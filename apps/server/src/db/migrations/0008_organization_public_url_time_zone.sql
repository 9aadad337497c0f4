ALTER TABLE "organizations" ADD COLUMN "public_url" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "time_zone" text DEFAULT 'America/Sao_Paulo' NOT NULL;